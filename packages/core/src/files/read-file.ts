import type { FileContent, ProjectWorkspace } from "../workspace/project-workspace.js";

export interface FilePage extends FileContent {
  /** Where the next page starts, or null at the end of the file. */
  nextOffset: number | null;
}

/** One page of a file's bytes. */
export async function readFile(
  { workspace }: { workspace: ProjectWorkspace },
  { path, offset, maxBytes }: { path: string; offset: number; maxBytes: number },
): Promise<FilePage> {
  const page = await workspace.read(path, { offset, maxBytes });
  const end = page.offset + page.content.byteLength;
  return { ...page, nextOffset: end < page.size ? end : null };
}
