import { agentConfig, type AgentConfig } from "@codelab/contracts";
import { Prisma } from "@codelab/db";

export const agentSelect = {
  id: true,
  projectId: true,
  name: true,
  status: true,
  config: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserAgentSelect;

type AgentRow = Prisma.UserAgentGetPayload<{ select: typeof agentSelect }>;

export type AgentRecord = Omit<AgentRow, "config"> & { config: AgentConfig };

/** The config column is JSON; it is read back through the same schema that admitted it. */
export function toAgentRecord(row: AgentRow): AgentRecord {
  return { ...row, config: agentConfig.parse(row.config) };
}

/**
 * The same agent built as JSON inside a statement, over a `user_agents` row aliased `agent`, for
 * statements that read agents along with other rows; {@link fromAgentJson} reads it back.
 */
export const agentJsonSql = Prisma.sql`jsonb_build_object(
  'id', agent.id, 'projectId', agent.project_id, 'name', agent.name, 'status', agent.status, 'config', agent.config,
  'createdAt', agent.created_at, 'updatedAt', agent.updated_at)`;

/** An agent as {@link agentJsonSql} builds it: its dates as JSON text. */
export type AgentJson = Omit<AgentRow, "createdAt" | "updatedAt"> & { createdAt: string; updatedAt: string };

export function fromAgentJson(agent: AgentJson): AgentRecord {
  return toAgentRecord({ ...agent, createdAt: new Date(agent.createdAt), updatedAt: new Date(agent.updatedAt) });
}
