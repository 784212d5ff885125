import type { Database } from "@codelab/db";
import { projectNotFound } from "./get-project.js";

/** Agents, sessions, messages and plans go with it (ON DELETE CASCADE). */
export async function deleteProject(
  { db }: { db: Database },
  { userId, projectId }: { userId: string; projectId: string },
): Promise<void> {
  const { count } = await db.userProject.deleteMany({ where: { id: projectId, userId } });
  if (count === 0) throw projectNotFound();
}
