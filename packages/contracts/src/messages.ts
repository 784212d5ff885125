import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";

export const messageRoles = ["user", "assistant", "system", "tool"] as const;

export const listMessagesInput = z.strictObject({ ...projectScope, sessionId: uuid, ...pagination });

export const messageOutput = z.object({
  id: uuid,
  sessionId: uuid,
  role: z.enum(messageRoles),
  content: z.string(),
  agentId: uuid.nullable(),
  planId: uuid.nullable(),
  promptTokens: z.number().int().nullable(),
  completionTokens: z.number().int().nullable(),
  totalTokens: z.number().int().nullable(),
  cost: z.number().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: isoDate,
});

export const messageListOutput = z.object({ messages: z.array(messageOutput), total: z.number().int() });
