import type { toolCallStatuses } from "@codelab/contracts";
import type { JsonValue } from "../errors/app-error.js";

export const toolCallSelect = {
  id: true,
  agentId: true,
  sessionId: true,
  planId: true,
  taskId: true,
  messageId: true,
  tool: true,
  risk: true,
  arguments: true,
  status: true,
  statusReason: true,
  approvalExpiresAt: true,
  durationMs: true,
  createdAt: true,
  completedAt: true,
} as const;

export type ToolCallStatus = (typeof toolCallStatuses)[number];

export interface ToolCallRecord {
  id: string;
  agentId: string;
  sessionId: string | null;
  planId: string | null;
  taskId: string | null;
  messageId: string | null;
  tool: string;
  risk: string;
  arguments: JsonValue;
  status: ToolCallStatus;
  statusReason: string | null;
  approvalExpiresAt: Date | null;
  durationMilliseconds: number | null;
  createdAt: Date;
  completedAt: Date | null;
}

type ToolCallRow = Omit<ToolCallRecord, "arguments" | "status" | "durationMilliseconds"> & { arguments: unknown; status: string; durationMs: number | null };

export function toToolCallRecord({ durationMs, arguments: input, status, ...row }: ToolCallRow): ToolCallRecord {
  return { ...row, arguments: input as JsonValue, status: status as ToolCallStatus, durationMilliseconds: durationMs };
}
