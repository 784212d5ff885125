import type { ProjectWorkspace } from "../workspace/project-workspace.js";

/** Removes a file, or a directory with everything in it. */
export async function deleteFile({ workspace }: { workspace: ProjectWorkspace }, { path }: { path: string }): Promise<void> {
  await workspace.delete(path);
}
