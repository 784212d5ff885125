import { lstat, readdir, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * Everything below `directory` as `relative path → content`: file contents, `<dir>` for
 * directories, `-> target` for links (never followed). Compare two snapshots to prove that
 * nothing was read into, written to or removed from a place.
 */
export async function diskTree(directory: string, { skip = [] }: { skip?: string[] } = {}): Promise<Record<string, string>> {
  const tree: Record<string, string> = {};
  async function walk(current: string, prefix: string): Promise<void> {
    for (const name of (await readdir(current)).sort()) {
      const path = join(current, name);
      const relative = prefix === "" ? name : `${prefix}/${name}`;
      if (skip.includes(relative)) continue;
      const stats = await lstat(path);
      if (stats.isSymbolicLink()) tree[relative] = `-> ${await readlink(path)}`;
      else if (stats.isDirectory()) {
        tree[relative] = "<dir>";
        await walk(path, relative);
      } else if (stats.isFile()) tree[relative] = await readFile(path, "utf8");
      else tree[relative] = "<special>";
    }
  }
  await walk(directory, "");
  return tree;
}
