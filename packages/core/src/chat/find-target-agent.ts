import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import { agentSelect, toAgentRecord, type AgentRecord } from "../agents/agent-select.js";
import { getSession } from "../sessions/get-session.js";
import type { SessionScope } from "../sessions/session-select.js";

/**
 * The agent a direct message names, `target_agent` as users type it: the exact name, or failing that
 * the one name equal but for case. The session must belong to the same project of the user; that is
 * checked in the same query, so a message costs one lookup, and only a miss pays for a second one
 * to say which of the two is missing.
 */
export async function findTargetAgent({ db }: { db: Database }, { userId, projectId, sessionId, name }: SessionScope & { name: string }): Promise<AgentRecord> {
  const candidates = await db.userAgent.findMany({
    where: { userId, projectId, name: { equals: name, mode: "insensitive" }, project: { chatSessions: { some: { id: sessionId, userId } } } },
    select: agentSelect,
    take: 2,
  });
  const row = candidates.find((candidate) => candidate.name === name) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (row) return toAgentRecord(row);
  // A missing session is reported as such, whatever the agent's name.
  await getSession({ db }, { userId, projectId, sessionId });
  throw new AppError("AGENT_NOT_FOUND", `No agent named "${name}" in this project`, { details: { agent: name } });
}
