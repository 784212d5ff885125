import type { Database } from "@codelab/db";
import type { MemoryRecord, MemoryScope, MemoryStore } from "../../memory/memory-store.js";
import { agentMemoryScope } from "./agent-memory-scope.js";

/** Newest first. */
export async function listAgentMemories(
  deps: { db: Database; memory: MemoryStore },
  { limit, offset, ...scope }: MemoryScope & { limit: number; offset: number },
): Promise<{ memories: MemoryRecord[]; total: number }> {
  return deps.memory.list(await agentMemoryScope(deps, scope), { limit, offset });
}
