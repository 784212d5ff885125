import type { Database } from "@codelab/db";
import type { MemoryStore } from "../memory/memory-store.js";
import { agentNotFound } from "./agent-errors.js";

export async function deleteAgent(
  { db, memory }: { db: Database; memory: Pick<MemoryStore, "deleteAgent"> },
  { userId, projectId, agentId }: { userId: string; projectId: string; agentId: string },
): Promise<void> {
  const { count } = await db.userAgent.deleteMany({ where: { id: agentId, projectId, userId } });
  if (count === 0) throw agentNotFound();
  // PostgreSQL cascades the embedded store's rows; an external store (Qdrant) is told explicitly.
  await memory.deleteAgent({ userId, projectId, agentId });
}
