import type { Database } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { MemoryScope, MemoryStore } from "../../memory/memory-store.js";
import { agentMemoryScope } from "./agent-memory-scope.js";

export async function deleteAgentMemory(
  deps: { db: Database; memory: MemoryStore },
  { memoryId, ...scope }: MemoryScope & { memoryId: string },
): Promise<void> {
  const deleted = await deps.memory.delete(await agentMemoryScope(deps, scope), memoryId);
  if (!deleted) throw new AppError("MEMORY_NOT_FOUND", "Memory not found");
}
