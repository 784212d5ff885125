import type { Database } from "@codelab/db";
import { agentNotFound } from "./agent-errors.js";

export async function deleteAgent(
  { db }: { db: Database },
  { userId, projectId, agentId }: { userId: string; projectId: string; agentId: string },
): Promise<void> {
  const { count } = await db.userAgent.deleteMany({ where: { id: agentId, projectId, userId } });
  if (count === 0) throw agentNotFound();
}
