import { lstat, mkdir, realpath } from "node:fs/promises";
import type { Stats } from "node:fs";
import { join, sep } from "node:path";
import { fileNotFound, invalidPath } from "./workspace-errors.js";

export const errorCode = (error: unknown): string | undefined =>
  typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;

/** `lstat` that answers `undefined` for a name that does not exist; it never follows a final symbolic link. */
export async function lstatIfExists(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    if (errorCode(error) === "ENOENT") return undefined;
    throw error;
  }
}

/** Refuses a directory whose real location is not the workspace or below it. */
async function assertInside(workspaceDirectory: string, directory: string): Promise<void> {
  const real = await realpath(directory);
  if (real !== workspaceDirectory && !real.startsWith(workspaceDirectory + sep)) throw invalidPath("symbolic_link");
}

/**
 * The absolute path of the directory `segments` name below the workspace, walked one component at
 * a time so that no symbolic link is ever followed: a link where a directory should be is refused,
 * not resolved, and with `create` the missing directories are made one by one (a recursive mkdir
 * would follow a planted link). The real path of the result is checked against the workspace's
 * as well, so even a link this walk somehow missed cannot lead outside.
 *
 * Only processes on the server can plant links (the API never makes one and the sandbox works on a
 * copy); the walk defends against links that already exist, not against one swapped in between
 * this check and the caller's next system call, which Node's path-based file API cannot exclude.
 */
export async function resolveDirectory(workspaceDirectory: string, segments: readonly string[], { create }: { create: boolean }): Promise<string> {
  let current = workspaceDirectory;
  for (const segment of segments) {
    current = join(current, segment);
    let stats = await lstatIfExists(current);
    if (!stats && create) {
      try {
        await mkdir(current);
      } catch (error) {
        // Another request made it in the meantime: the lstat below judges what is there now.
        if (errorCode(error) !== "EEXIST") throw error;
      }
      stats = await lstat(current);
    }
    if (!stats) throw fileNotFound();
    if (stats.isSymbolicLink()) throw invalidPath("symbolic_link");
    if (!stats.isDirectory()) throw invalidPath("not_a_directory");
  }
  await assertInside(workspaceDirectory, current);
  return current;
}
