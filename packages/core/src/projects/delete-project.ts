import type { Database } from "@codelab/db";
import type { MemoryStore } from "../memory/memory-store.js";
import { projectNotFound } from "./get-project.js";

/** Agents, sessions, messages and plans go with it (ON DELETE CASCADE). */
export async function deleteProject(
  { db, memory }: { db: Database; memory: Pick<MemoryStore, "deleteProject"> },
  { userId, projectId }: { userId: string; projectId: string },
): Promise<void> {
  const { count } = await db.userProject.deleteMany({ where: { id: projectId, userId } });
  if (count === 0) throw projectNotFound();
  await memory.deleteProject({ userId, projectId });
}
