import type { AgentConfig } from "@codelab/contracts";
import type { Database } from "@codelab/db";
import { isUniqueViolation } from "../errors/prisma-errors.js";
import { agentNameTaken } from "./agent-errors.js";
import { agentSelect, toAgentRecord, type AgentRecord } from "./agent-select.js";

export interface CreateAgentOptions extends Omit<AgentConfig, "model"> {
  userId: string;
  projectId: string;
  name: string;
  model?: string | undefined;
}

/** The caller has already established that the project belongs to `userId`. */
export async function createAgent(
  { db, defaultModel }: { db: Database; defaultModel: string },
  { userId, projectId, name, model, ...config }: CreateAgentOptions,
): Promise<AgentRecord> {
  try {
    const row = await db.userAgent.create({
      data: { userId, projectId, name, config: { ...config, model: model ?? defaultModel } },
      select: agentSelect,
    });
    return toAgentRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw agentNameTaken(name);
    throw error;
  }
}
