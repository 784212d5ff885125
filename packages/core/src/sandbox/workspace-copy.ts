import { constants, type BigIntStats } from "node:fs";
import { chown, copyFile, lstat, mkdir, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { openDirectory, walkRegularFiles } from "./directory-tree.js";

/** Who must own the copy so the sandboxed code (running as that user) can change it. */
export interface FileOwner {
  uid: number;
  gid: number;
}

/** What a copied file looked like before the run, to tell which files the run created or changed. */
export type FileFingerprint = Pick<BigIntStats, "ino" | "size" | "ctimeNs">;

export interface WorkspaceCopy {
  fingerprints: Map<string, FileFingerprint>;
  skippedFiles: string[];
}

export interface CopyLimits {
  inputBytes: number;
  inputFiles: number;
}

// Copying through the descriptor's /proc path copies exactly the file that was opened (and checked)
// without following links; COPYFILE_EXCL creates the copy and never writes through an existing name.
const procPath = (handle: FileHandle) => `/proc/self/fd/${handle.fd}`;

/** Creates the parent directories of `relativePath` under `root` (owned by `owner`), one at a time so each gets its owner. */
async function makeParents(root: string, relativePath: string, owner: FileOwner | undefined, made: Set<string>): Promise<void> {
  const segments = relativePath.split("/").slice(0, -1);
  let current = "";
  for (const segment of segments) {
    current = current === "" ? segment : `${current}/${segment}`;
    if (made.has(current)) continue;
    const directory = join(root, current);
    await mkdir(directory, { mode: 0o700 });
    if (owner) await chown(directory, owner.uid, owner.gid);
    made.add(current);
  }
}

/**
 * Copies the regular files of `workspaceDirectory` into the empty directory `target`, in name order;
 * files that no longer fit the limits are listed as skipped (and the walk stops after looking at
 * ten entries per allowed file). Links are never followed, so nothing outside the workspace can
 * reach the copy.
 */
export async function copyWorkspace(workspaceDirectory: string, target: string, limits: CopyLimits, owner: FileOwner | undefined): Promise<WorkspaceCopy> {
  const fingerprints = new Map<string, FileFingerprint>();
  const skippedFiles: string[] = [];
  // A project made before workspaces existed has no directory yet: its copy is simply empty.
  const source = await openDirectory(workspaceDirectory);
  if (!source) return { fingerprints, skippedFiles };
  let bytes = 0;
  const madeDirectories = new Set<string>();
  try {
    await walkRegularFiles(source, { maxEntries: limits.inputFiles * 10 }, async ({ path, handle, stats }) => {
      const size = Number(stats.size);
      if (fingerprints.size >= limits.inputFiles || bytes + size > limits.inputBytes) {
        skippedFiles.push(path);
        return;
      }
      bytes += size;
      await makeParents(target, path, owner, madeDirectories);
      const copyPath = join(target, path);
      await copyFile(procPath(handle), copyPath, constants.COPYFILE_EXCL);
      if (owner) await chown(copyPath, owner.uid, owner.gid);
      const { ino, size: copiedSize, ctimeNs } = await lstat(copyPath, { bigint: true });
      fingerprints.set(path, { ino, size: copiedSize, ctimeNs });
    });
  } finally {
    await source.close();
  }
  return { fingerprints, skippedFiles };
}
