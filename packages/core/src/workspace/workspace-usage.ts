import { lstat, readdir } from "node:fs/promises";
import { join } from "node:path";
import { errorCode } from "./confined-directory.js";

/** Bytes of every regular file below `directory`; links are not followed, so nothing outside is counted. */
export async function workspaceUsage(directory: string): Promise<number> {
  const entries = await readdir(directory, { withFileTypes: true });
  const sizes = await Promise.all(
    entries.map(async (entry) => {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) return workspaceUsage(path);
      if (!entry.isFile()) return 0;
      try {
        return (await lstat(path)).size;
      } catch (error) {
        // Deleted while we counted: it no longer takes any space.
        if (errorCode(error) === "ENOENT") return 0;
        throw error;
      }
    }),
  );
  return sizes.reduce((total, size) => total + size, 0);
}
