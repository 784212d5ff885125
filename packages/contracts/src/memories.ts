import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";

const agentScope = { ...projectScope, agentId: uuid };

export const listMemoriesInput = z.strictObject({ ...agentScope, ...pagination });
export const searchMemoriesInput = z.strictObject({
  ...agentScope,
  query: z.string().trim().min(1, "must not be empty").max(4_000),
  limit: z.number().int().min(1).max(50).default(5),
});
export const addMemoryInput = z.strictObject({
  ...agentScope,
  content: z.string().trim().min(1, "must not be empty").max(16_000),
  metadata: z.record(z.string().max(100), z.json()).default({}),
});
export const memoryIdInput = z.strictObject({ ...agentScope, memoryId: uuid });

export const memoryOutput = z.object({
  id: z.string(),
  content: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
});
export const scoredMemoryOutput = memoryOutput.extend({ score: z.number() });

export const memoryListOutput = z.object({ memories: z.array(memoryOutput), total: z.number().int() });
export const memorySearchOutput = z.object({ memories: z.array(scoredMemoryOutput) });
