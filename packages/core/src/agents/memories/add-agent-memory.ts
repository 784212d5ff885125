import type { Database } from "@codelab/db";
import type { JsonValue } from "../../errors/app-error.js";
import type { Embedder } from "../../memory/embedder.js";
import type { MemoryRecord, MemoryScope, MemoryStore } from "../../memory/memory-store.js";
import { agentMemoryScope } from "./agent-memory-scope.js";

/** A fact the user wants the agent to keep, recalled like any remembered exchange. */
export async function addAgentMemory(
  deps: { db: Database; memory: MemoryStore; embedder: Embedder },
  { content, metadata, ...scope }: MemoryScope & { content: string; metadata: Record<string, JsonValue> },
): Promise<MemoryRecord> {
  const checkedScope = await agentMemoryScope(deps, scope);
  const [vector] = await deps.embedder.embed([content]);
  const [record] = await deps.memory.add(checkedScope, [{ content, metadata: { ...metadata, source: "user" }, vector: vector! }]);
  return record!;
}
