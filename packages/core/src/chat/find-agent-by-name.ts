import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import { agentSelect, toAgentRecord, type AgentRecord } from "../agents/agent-select.js";

/** `target_agent` as users type it: the exact name, or failing that the one name equal but for case. */
export async function findAgentByName(
  { db }: { db: Database },
  { userId, projectId, name }: { userId: string; projectId: string; name: string },
): Promise<AgentRecord> {
  const candidates = await db.userAgent.findMany({
    where: { userId, projectId, name: { equals: name, mode: "insensitive" } },
    select: agentSelect,
    take: 2,
  });
  const row = candidates.find((candidate) => candidate.name === name) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (!row) {
    throw new AppError("AGENT_NOT_FOUND", `No agent named "${name}" in this project`, { details: { agent: name } });
  }
  return toAgentRecord(row);
}
