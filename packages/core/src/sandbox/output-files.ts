import { openDirectory, walkRegularFiles } from "./directory-tree.js";
import type { SandboxOutputFile } from "./sandbox.js";
import type { FileFingerprint } from "./workspace-copy.js";

export interface OutputLimits {
  outputFiles: number;
  outputFileBytes: number;
}

export interface CollectedOutputs {
  files: SandboxOutputFile[];
  skippedFiles: string[];
}

const unchanged = (before: FileFingerprint | undefined, now: FileFingerprint) =>
  before !== undefined && before.ino === now.ino && before.size === now.size && before.ctimeNs === now.ctimeNs;

/**
 * The regular files of the workspace copy the run created or changed (a new inode, size or change
 * time: `ctime` cannot be set back by the code, unlike `mtime`), in name order while they fit the
 * limits. Deletions are not reported: the run cannot remove a workspace file.
 */
export async function collectOutputFiles(copyDirectory: string, before: Map<string, FileFingerprint>, limits: OutputLimits): Promise<CollectedOutputs> {
  const files: SandboxOutputFile[] = [];
  const skippedFiles: string[] = [];
  const root = await openDirectory(copyDirectory);
  if (!root) return { files, skippedFiles };
  let bytes = 0;
  try {
    // Enough entries to find every returnable file among what the run left behind, bounded so a run
    // that made a million files does not keep the server walking.
    const entryBudget = (before.size + limits.outputFiles) * 10 + 1_000;
    await walkRegularFiles(root, { maxEntries: entryBudget }, async ({ path, handle, stats }) => {
      if (unchanged(before.get(path), stats)) return;
      const size = Number(stats.size);
      if (files.length >= limits.outputFiles || bytes + size > limits.outputFileBytes) {
        skippedFiles.push(path);
        return;
      }
      // Read through the handle already open, never by name again; a file still growing is cut at its size.
      const content = Buffer.alloc(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(content, filled, size - filled, filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      bytes += filled;
      files.push({ path, content: content.subarray(0, filled) });
    });
  } finally {
    await root.close();
  }
  return { files, skippedFiles };
}
