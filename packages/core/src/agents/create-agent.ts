import type { AgentConfig } from "@codelab/contracts";
import type { Database } from "@codelab/db";
import type { MemoryStore } from "../memory/memory-store.js";
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
  { db, defaultModel, memory }: { db: Database; defaultModel: string; memory: Pick<MemoryStore, "initializeAgent"> },
  { userId, projectId, name, model, ...config }: CreateAgentOptions,
): Promise<AgentRecord> {
  try {
    const row = await db.userAgent.create({
      data: { userId, projectId, name, config: { ...config, model: model ?? defaultModel } },
      select: agentSelect,
    });
    await memory.initializeAgent({ userId, projectId, agentId: row.id });
    return toAgentRecord(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw agentNameTaken(name);
    throw error;
  }
}
