import type { ProjectWorkspace, WorkspaceEntry } from "../workspace/project-workspace.js";

/** Creates or replaces the file, with any missing parent directories. */
export async function uploadFile(
  { workspace }: { workspace: ProjectWorkspace },
  { path, content }: { path: string; content: Uint8Array },
): Promise<WorkspaceEntry> {
  return workspace.write(path, content);
}
