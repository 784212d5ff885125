import type { Database } from "@codelab/db";
import type { MemoryScope } from "../../memory/memory-store.js";
import { agentNotFound } from "../agent-errors.js";

/** Establishes, in one scoped query, that the agent belongs to the user's project before its memory is touched. */
export async function agentMemoryScope(
  { db }: { db: Database },
  { userId, projectId, agentId }: MemoryScope,
): Promise<MemoryScope> {
  const agent = await db.userAgent.findFirst({ where: { id: agentId, projectId, userId }, select: { id: true } });
  if (!agent) throw agentNotFound();
  return { userId, projectId, agentId };
}
