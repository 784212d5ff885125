import type { Database } from "@codelab/db";
import { agentSelect, toAgentRecord, type AgentRecord } from "../../agents/agent-select.js";

// The roster goes into the planning prompt; a project with more agents plans with its oldest 100.
const maxRosterAgents = 100;

/** The agents a plan may use: the project's agents that are not disabled, oldest first. */
export async function loadPlanningAgents({ db }: { db: Database }, { userId, projectId }: { userId: string; projectId: string }): Promise<AgentRecord[]> {
  const rows = await db.userAgent.findMany({
    where: { userId, projectId, status: { not: "DISABLED" } },
    select: agentSelect,
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
    take: maxRosterAgents,
  });
  return rows.map(toAgentRecord);
}
