import type { ProjectWorkspace, WorkspaceEntry } from "../workspace/project-workspace.js";

export interface FileList {
  files: WorkspaceEntry[];
  total: number;
}

/** One directory of the workspace (`""` for its root), one page at a time, in path order. */
export async function listFiles(
  { workspace }: { workspace: ProjectWorkspace },
  { path = "", limit, offset }: { path?: string; limit: number; offset: number },
): Promise<FileList> {
  const entries = await workspace.list(path);
  return { files: entries.slice(offset, offset + limit), total: entries.length };
}
