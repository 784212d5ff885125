import type { Database } from "@codelab/db";
import { agentNotFound } from "./agent-errors.js";
import { agentSelect, toAgentRecord, type AgentRecord } from "./agent-select.js";

export async function getAgent(
  { db }: { db: Database },
  { userId, projectId, agentId }: { userId: string; projectId: string; agentId: string },
): Promise<AgentRecord> {
  const row = await db.userAgent.findFirst({ where: { id: agentId, projectId, userId }, select: agentSelect });
  if (!row) throw agentNotFound();
  return toAgentRecord(row);
}
