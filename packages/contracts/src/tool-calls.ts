import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";

/** `pending` → (`awaiting_approval` → `approved`) → `running` → `completed` | `failed`; or `rejected` (user, approval_timeout, cancelled). */
export const toolCallStatuses = ["pending", "awaiting_approval", "approved", "running", "completed", "failed", "rejected"] as const;

export const toolCallIdInput = z.strictObject({ ...projectScope, toolCallId: uuid });

/** Newest first: the audit trail of the project's tool calls, optionally one session's or only those in one status. */
export const listToolCallsInput = z.strictObject({
  ...projectScope,
  sessionId: uuid.optional(),
  status: z.enum(toolCallStatuses).optional(),
  ...pagination,
});

export const toolCallOutput = z.object({
  id: z.string(),
  agentId: z.string(),
  sessionId: z.string().nullable(),
  planId: z.string().nullable(),
  taskId: z.string().nullable(),
  messageId: z.string().nullable(),
  tool: z.string(),
  risk: z.string(),
  arguments: z.json(),
  status: z.enum(toolCallStatuses),
  statusReason: z.string().nullable(),
  approvalExpiresAt: isoDate.nullable(),
  durationMilliseconds: z.number().int().nullable(),
  createdAt: isoDate,
  completedAt: isoDate.nullable(),
});

export const toolCallListOutput = z.object({ toolCalls: z.array(toolCallOutput), total: z.number().int() });

export const toolCallDecisionOutput = z.object({ toolCallId: z.string(), status: z.enum(toolCallStatuses) });
