import type { Database } from "@codelab/db";
import type { MemoryStore } from "../memory/memory-store.js";
import type { ProjectWorkspaces } from "../workspace/project-workspace.js";
import { projectNotFound } from "./get-project.js";

/** Agents, sessions, messages and plans go with it (ON DELETE CASCADE); its memories and workspace after them. */
export async function deleteProject(
  { db, memory, workspaces }: { db: Database; memory: Pick<MemoryStore, "deleteProject">; workspaces: Pick<ProjectWorkspaces, "remove"> },
  { userId, projectId }: { userId: string; projectId: string },
): Promise<void> {
  const { count } = await db.userProject.deleteMany({ where: { id: projectId, userId } });
  if (count === 0) throw projectNotFound();
  await memory.deleteProject({ userId, projectId });
  await workspaces.remove(projectId);
}
