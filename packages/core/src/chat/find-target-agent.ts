import { Prisma, type Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import { toAgentRecord, type AgentRecord } from "../agents/agent-select.js";
import { memoryRevisionSql } from "../memory/memory-revision-sql.js";
import { getProject } from "../projects/get-project.js";
import { getSession } from "../sessions/get-session.js";
import type { SessionScope } from "../sessions/session-select.js";

export interface TargetAgent {
  agent: AgentRecord;
  /** The user's daily cap (null: none), read with the agent so the budget check needs no query of its own. */
  dailyBudgetUsd: number | null;
  /** The agent's memory revision, read with it so the memory search needs no read of its own (see `SearchOptions.revision`). */
  memoryRevision: number;
}

type TargetAgentRow = Parameters<typeof toAgentRecord>[0] & { dailyBudgetUsd: number | null; memoryRevision: number };

/**
 * The agent a direct message names, `target_agent` as users type it: the exact name, or failing that
 * the one name equal but for case. The project and the session must be the user's; that is checked
 * in the same query, so a message costs one lookup, and only a miss pays for more, to say which of
 * project, session and agent is missing. Written in SQL: it is on every direct call, and the query
 * builder costs several times what PostgreSQL takes to answer it.
 */
export async function findTargetAgent({ db }: { db: Database }, { userId, projectId, sessionId, name }: SessionScope & { name: string }): Promise<TargetAgent> {
  const candidates = await db.$queryRaw<TargetAgentRow[]>`
    SELECT agent.id, agent.project_id AS "projectId", agent.name, agent.status::text AS status, agent.config,
           agent.created_at AS "createdAt", agent.updated_at AS "updatedAt", owner.daily_budget_usd AS "dailyBudgetUsd",
           ${memoryRevisionSql(Prisma.sql`agent.id`)}::int AS "memoryRevision"
    FROM user_agents agent
    JOIN users owner ON owner.id = agent.user_id
    WHERE agent.user_id = ${userId}::uuid AND agent.project_id = ${projectId}::uuid AND lower(agent.name) = lower(${name})
      AND EXISTS (
        SELECT 1 FROM chat_sessions session
        WHERE session.id = ${sessionId}::uuid AND session.user_id = agent.user_id AND session.project_id = agent.project_id
      )
    LIMIT 2`;
  const row = candidates.find((candidate) => candidate.name === name) ?? (candidates.length === 1 ? candidates[0] : undefined);
  if (row) {
    const { dailyBudgetUsd, memoryRevision, ...agent } = row;
    return { agent: toAgentRecord(agent), dailyBudgetUsd, memoryRevision };
  }
  // A missing project, then a missing session, is reported as such, whatever the agent's name.
  await getProject({ db }, { userId, projectId });
  await getSession({ db }, { userId, projectId, sessionId });
  throw new AppError("AGENT_NOT_FOUND", `No agent named "${name}" in this project`, { details: { agent: name } });
}
