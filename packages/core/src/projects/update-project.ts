import type { Database } from "@codelab/db";
import { projectNotFound } from "./get-project.js";
import { projectSelect, type ProjectRecord } from "./project-select.js";

export interface UpdateProjectOptions {
  userId: string;
  projectId: string;
  name?: string | undefined;
  workspacePath?: string | null | undefined;
}

export async function updateProject(
  { db }: { db: Database },
  { userId, projectId, name, workspacePath }: UpdateProjectOptions,
): Promise<ProjectRecord> {
  const { count } = await db.userProject.updateMany({
    where: { id: projectId, userId },
    data: { name, workspacePath, updatedAt: new Date() },
  });
  if (count === 0) throw projectNotFound();
  return db.userProject.findFirstOrThrow({ where: { id: projectId, userId }, select: projectSelect });
}
