import { constants, type BigIntStats } from "node:fs";
import { chmod, lstat, open, readdir, rmdir, unlink, type FileHandle } from "node:fs/promises";
import { errorCode } from "../workspace/confined-directory.js";

// Node has no openat(2). A path through /proc/self/fd/<descriptor> starts at exactly the directory
// that descriptor holds, whatever has happened to its name since, so each step below opens one
// component relative to an already-open directory and never follows a symbolic link. That keeps
// these walks inside the tree even while a process that outlived its sandbox swaps directories
// for links (the classic race against `rm -rf` and against copying files back).
const childPath = (directory: FileHandle, name: Buffer) => Buffer.concat([Buffer.from(`/proc/self/fd/${directory.fd}/`), name]);

// O_NONBLOCK: opening a FIFO does not wait for a writer.
const openFlags = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
const directoryFlags = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW;

/** Names that are gone, links, or not openable (sockets) are simply not part of the tree. */
const vanishedOrRefused = new Set(["ENOENT", "ELOOP", "ENXIO", "ENOTDIR", "EACCES", "EPERM"]);

export interface RegularFile {
  /** Relative to the walked root, `/`-separated. */
  path: string;
  handle: FileHandle;
  stats: BigIntStats;
}

export interface WalkOptions {
  /** Entries (files, directories and anything else) looked at before the walk stops. */
  maxEntries: number;
}

/** Opens a directory without following a link in its place; `undefined` when there is none. */
export async function openDirectory(path: string | Buffer): Promise<FileHandle | undefined> {
  try {
    return await open(path, directoryFlags);
  } catch (error) {
    if (vanishedOrRefused.has(errorCode(error) ?? "")) return undefined;
    throw error;
  }
}

async function openEntry(directory: FileHandle, name: Buffer): Promise<FileHandle | undefined> {
  try {
    return await open(childPath(directory, name), openFlags);
  } catch (error) {
    if (vanishedOrRefused.has(errorCode(error) ?? "")) return undefined;
    throw error;
  }
}

/** A name the workspace can hold: valid UTF-8 (what readdir gives is bytes). */
function decodeName(name: Buffer): string | undefined {
  const decoded = name.toString("utf8");
  return Buffer.from(decoded, "utf8").equals(name) ? decoded : undefined;
}

/**
 * Calls `visit` with every regular file under the directory `root` holds, in name order, depth
 * first; links, devices, FIFOs and sockets are skipped, and so are names that are not UTF-8.
 * The file's handle is open while `visit` runs. Answers whether every entry was looked at.
 */
export async function walkRegularFiles(root: FileHandle, { maxEntries }: WalkOptions, visit: (file: RegularFile) => Promise<void>): Promise<boolean> {
  let remaining = maxEntries;
  async function walk(directory: FileHandle, prefix: string): Promise<boolean> {
    const names = (await readdir(`/proc/self/fd/${directory.fd}`, { encoding: "buffer" })).sort((left, right) => Buffer.compare(left, right));
    for (const name of names) {
      if (remaining-- <= 0) return false;
      const decoded = decodeName(name);
      if (decoded === undefined) continue;
      const handle = await openEntry(directory, name);
      if (!handle) continue;
      try {
        const stats = await handle.stat({ bigint: true });
        const path = prefix + decoded;
        if (stats.isDirectory()) {
          if (!(await walk(handle, `${path}/`))) return false;
        } else if (stats.isFile()) {
          await visit({ path, handle, stats });
        }
      } finally {
        await handle.close();
      }
    }
    return true;
  }
  return walk(root, "");
}

/**
 * Opens a directory to empty it. The code may have taken every permission off a directory it owns;
 * when the server is not root it owns the same files, and has to give itself access back first.
 * Only that case changes a mode by name (Linux has no lchmod), after checking it is no link.
 */
async function openForRemoval(path: Buffer): Promise<FileHandle | undefined> {
  try {
    return await open(path, directoryFlags);
  } catch (error) {
    if (errorCode(error) !== "EACCES") return openDirectory(path);
    const stats = await lstat(path);
    if (!stats.isDirectory()) return undefined;
    await chmod(path, 0o700);
    return openDirectory(path);
  }
}

async function removeContents(directory: FileHandle): Promise<void> {
  // Write and search permission on the directory itself, for the same reason.
  await directory.chmod(0o700);
  for (const name of await readdir(`/proc/self/fd/${directory.fd}`, { encoding: "buffer" })) {
    const path = childPath(directory, name);
    try {
      await unlink(path);
      continue;
    } catch (error) {
      const code = errorCode(error);
      if (code === "ENOENT") continue;
      if (code !== "EISDIR" && code !== "EPERM") throw error;
    }
    const child = await openForRemoval(path);
    if (!child) continue;
    try {
      await removeContents(child);
    } finally {
      await child.close();
    }
    await rmdir(path);
  }
}

/**
 * Removes the directory at `path` and everything below it, through directory descriptors (see
 * above), so a link planted anywhere in the tree is removed itself and never followed.
 */
export async function removeTree(path: string): Promise<void> {
  const root = await openDirectory(path);
  if (!root) return;
  try {
    // Retried once: a process that outlived its sandbox by a moment may still have added a name.
    try {
      await removeContents(root);
    } catch (error) {
      if (errorCode(error) !== "ENOTEMPTY") throw error;
      await removeContents(root);
    }
  } finally {
    await root.close();
  }
  await rmdir(path);
}
