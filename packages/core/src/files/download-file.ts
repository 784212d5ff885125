import type { FileContent, ProjectWorkspace, ProjectWorkspaces } from "../workspace/project-workspace.js";
import { fileTooLarge } from "../workspace/workspace-errors.js";

/**
 * The whole file in one piece. Files are written no larger than the workspace limit; one put
 * there by other means and larger is refused rather than sent cut short.
 */
export async function downloadFile(
  { workspace, workspaces }: { workspace: ProjectWorkspace; workspaces: Pick<ProjectWorkspaces, "maxFileBytes"> },
  { path }: { path: string },
): Promise<FileContent> {
  const file = await workspace.read(path, { offset: 0, maxBytes: workspaces.maxFileBytes });
  if (file.content.byteLength < file.size) throw fileTooLarge(workspaces.maxFileBytes);
  return file;
}
