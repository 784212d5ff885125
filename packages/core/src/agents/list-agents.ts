import type { Database } from "@codelab/db";
import { agentSelect, toAgentRecord, type AgentRecord } from "./agent-select.js";

export interface ListAgentsOptions {
  userId: string;
  projectId: string;
  limit: number;
  offset: number;
}

/** Oldest first, so the starter pack leads. */
export async function listAgents(
  { db }: { db: Database },
  { userId, projectId, limit, offset }: ListAgentsOptions,
): Promise<{ agents: AgentRecord[]; total: number }> {
  const where = { userId, projectId };
  const [rows, total] = await Promise.all([
    db.userAgent.findMany({
      where,
      select: agentSelect,
      orderBy: [{ createdAt: "asc" }, { name: "asc" }],
      take: limit,
      skip: offset,
    }),
    db.userAgent.count({ where }),
  ]);
  return { agents: rows.map(toAgentRecord), total };
}
