import type { AgentConfig } from "@codelab/contracts";
import type { Database } from "@codelab/db";
import { isUniqueViolation } from "../errors/prisma-errors.js";
import { agentNameTaken, agentNotFound } from "./agent-errors.js";
import { agentSelect, toAgentRecord, type AgentRecord } from "./agent-select.js";

export interface UpdateAgentOptions extends Partial<AgentConfig> {
  userId: string;
  projectId: string;
  agentId: string;
  name?: string | undefined;
  status?: "READY" | "DISABLED" | undefined;
}

/** Changes only the fields given; the rest of the config is kept. */
export async function updateAgent(
  { db }: { db: Database },
  { userId, projectId, agentId, name, status, ...configChanges }: UpdateAgentOptions,
): Promise<AgentRecord> {
  const where = { id: agentId, projectId, userId };
  try {
    return await db.$transaction(async (transaction) => {
      const current = await transaction.userAgent.findFirst({ where, select: agentSelect });
      if (!current) throw agentNotFound();
      const definedChanges = Object.fromEntries(Object.entries(configChanges).filter(([, value]) => value !== undefined));
      const config = { ...toAgentRecord(current).config, ...definedChanges };
      const row = await transaction.userAgent.update({
        where: { id: current.id },
        data: { name, status, config },
        select: agentSelect,
      });
      return toAgentRecord(row);
    });
  } catch (error) {
    if (isUniqueViolation(error) && name) throw agentNameTaken(name);
    throw error;
  }
}
