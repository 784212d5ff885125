import type { Database } from "@codelab/db";
import type { Embedder } from "../../memory/embedder.js";
import type { MemoryScope, MemoryStore, ScoredMemory } from "../../memory/memory-store.js";
import type { Metrics } from "../../metrics/metrics.js";
import { agentMemoryScope } from "./agent-memory-scope.js";

/** What the agent would recall for `query`, best first, with similarity scores. */
export async function searchAgentMemories(
  deps: { db: Database; memory: MemoryStore; embedder: Embedder; metrics: Metrics },
  { query, limit, ...scope }: MemoryScope & { query: string; limit: number },
): Promise<{ memories: ScoredMemory[] }> {
  const checkedScope = await agentMemoryScope(deps, scope);
  const [vector] = await deps.embedder.embed([query]);
  const stopTimer = deps.metrics.memorySearchSeconds.startTimer({ agent_id: scope.agentId });
  try {
    return { memories: await deps.memory.search(checkedScope, vector!, { limit, minScore: -1 }) };
  } finally {
    stopTimer();
  }
}
