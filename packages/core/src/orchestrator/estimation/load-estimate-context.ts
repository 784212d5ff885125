import type { Database } from "@codelab/db";
import type { AgentRecord } from "../../agents/agent-select.js";
import { countTokens } from "../../llm/token-count.js";
import type { MemoryStore } from "../../memory/memory-store.js";
import type { RecallSettings } from "../../runtime/agent-runtime.js";
import type { AgentProfile, ModelObservation } from "./estimate-plan.js";

export interface ProfileDependencies {
  memory: MemoryStore;
  recall: RecallSettings;
}

/**
 * What estimating needs to know about each agent. Recalled memories are sized from the agent's
 * newest ones: up to the recall limit of them, at their average length.
 */
export async function loadAgentProfiles(
  { memory, recall }: ProfileDependencies,
  { userId, projectId, agents }: { userId: string; projectId: string; agents: readonly AgentRecord[] },
): Promise<Map<string, AgentProfile>> {
  const profiles = await Promise.all(
    agents.map(async (agent): Promise<[string, AgentProfile]> => {
      const { memories, total } = await memory.list({ userId, projectId, agentId: agent.id }, { limit: recall.limit, offset: 0 });
      const averageTokens = memories.length === 0 ? 0 : memories.reduce((sum, item) => sum + countTokens(item.content), 0) / memories.length;
      return [
        agent.name,
        {
          model: agent.config.model,
          maxTokens: agent.config.maxTokens,
          systemPromptTokens: countTokens(agent.config.systemPrompt),
          memoryTokens: Math.round(averageTokens * Math.min(total, recall.limit)),
        },
      ];
    }),
  );
  return new Map(profiles);
}

/** The observed statistics of these models; models never observed are left out. */
export async function loadModelObservations({ db }: { db: Database }, models: readonly string[]): Promise<Map<string, ModelObservation>> {
  const rows = await db.modelLatencyStat.findMany({
    where: { model: { in: [...new Set(models)] } },
    select: { model: true, count: true, meanMs: true, meanOutputTokens: true },
  });
  return new Map(rows.map((row) => [row.model, { count: row.count, meanMilliseconds: row.meanMs, meanOutputTokens: row.meanOutputTokens }]));
}
