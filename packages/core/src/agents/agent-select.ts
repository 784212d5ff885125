import { agentConfig, type AgentConfig } from "@codelab/contracts";
import type { Prisma } from "@codelab/db";

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
