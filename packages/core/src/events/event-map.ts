import type { AppErrorCode, JsonValue } from "../errors/app-error.js";

/*
 * Payloads are type aliases, not interfaces, so the compiler can check them against JsonValue
 * (see EventPayload below): they cross Redis, SSE and tRPC as JSON, so times are ISO strings and
 * absent values are null rather than undefined (which JSON would silently drop).
 */

export type TokenCounts = { promptTokens: number; completionTokens: number };

export type EventFailure = { code: AppErrorCode; message: string };

/** The assistant message being generated in direct mode; `messageId` is the id it is stored under. */
export type MessageSubject = { messageId: string; sessionId: string; agentId: string; agentName: string };

export type MessageStartPayload = MessageSubject & { model: string; startedAt: string };

/** Kept small on purpose: it is the most frequent event. Producers coalesce tokens (see delta-coalescer). */
export type MessageDeltaPayload = { messageId: string; sessionId: string; agentId: string; text: string };

export type MessageEndPayload = MessageSubject & {
  content: string;
  model: string;
  usage: TokenCounts;
  costUsd: number;
  latencyMilliseconds: number;
  completedAt: string;
};

export type MessageFailPayload = MessageSubject & { error: EventFailure; failedAt: string };

/**
 * A tool call made by an agent, in direct mode (`messageId`: the answer being generated) or inside a
 * plan task (`planId`, `taskId`). `toolCallId` is the id approve and reject take.
 */
export type ToolSubject = {
  toolCallId: string;
  toolName: string;
  agentId: string;
  messageId: string | null;
  planId: string | null;
  taskId: string | null;
};

export type ToolStartPayload = ToolSubject & { input: JsonValue; startedAt: string };

/** A file the tool produced that a chat can show, such as a chart; `path` is in the project's workspace. */
export type ToolAttachmentRef = { path: string; mediaType: string };

export type ToolEndPayload = ToolSubject & {
  status: "completed" | "failed" | "rejected";
  /** What the model was handed back (capped). */
  output: JsonValue;
  error: EventFailure | null;
  attachments: ToolAttachmentRef[];
  latencyMilliseconds: number;
  endedAt: string;
};

/** A dangerous tool waits for the user: approve or reject before `expiresAt`, or it is rejected. */
export type ToolApprovalRequestPayload = ToolSubject & { input: JsonValue; reason: string; expiresAt: string };

export type ToolApprovalEndPayload = ToolSubject & {
  decision: "approved" | "rejected";
  reason: "user" | "approval_timeout" | "cancelled";
  decidedAt: string;
};

export type PlanStatus =
  | "created"
  | "pending_approval"
  | "executing"
  | "completed"
  | "failed"
  | "partial_success"
  | "rejected"
  | "cancelled";

export type TaskStatus = "pending" | "running" | "completed" | "failed" | "skipped" | "cancelled";

export type TaskEstimate = { inputTokens: number; outputTokens: number; costUsd: number; durationMilliseconds: number };

/** One node of the plan graph, with what a UI needs to draw it and its edges. */
export type PlanTaskNode = {
  taskId: string;
  description: string;
  agentName: string;
  agentId: string;
  dependencies: string[];
  status: TaskStatus;
  estimate: TaskEstimate;
};

/** `totalDurationMilliseconds` is the critical path, not the sum of the tasks. */
export type PlanEstimate = { totalCostUsd: number; totalDurationMilliseconds: number };

export type PlanCreatePayload = {
  planId: string;
  sessionId: string;
  status: "created";
  request: string;
  tasks: PlanTaskNode[];
  estimate: PlanEstimate;
  requiresApproval: boolean;
  approvalReason: string | null;
  cached: boolean;
  createdAt: string;
};

export type PlanApprovalRequestPayload = {
  planId: string;
  status: "pending_approval";
  estimate: PlanEstimate;
  approvalReason: string;
  expiresAt: string;
};

export type PlanApprovePayload = { planId: string; status: "executing"; approvedAt: string };

export type PlanRejectPayload = {
  planId: string;
  status: "rejected";
  reason: "user" | "approval_timeout";
  rejectedAt: string;
};

export type PlanStartPayload = { planId: string; status: "executing"; startedAt: string };

export type TaskStartPayload = {
  planId: string;
  taskId: string;
  agentName: string;
  agentId: string;
  status: "running";
  startedAt: string;
};

export type TaskDeltaPayload = { planId: string; taskId: string; text: string };

export type TaskEndPayload = {
  planId: string;
  taskId: string;
  agentId: string;
  status: "completed";
  output: string;
  usage: TokenCounts;
  costUsd: number;
  latencyMilliseconds: number;
  completedAt: string;
};

/** `skippedTaskIds` are the dependents this failure marked `skipped`, so a UI can grey them out at once. */
export type TaskFailPayload = {
  planId: string;
  taskId: string;
  agentId: string;
  status: "failed" | "cancelled";
  error: EventFailure;
  skippedTaskIds: string[];
  failedAt: string;
};

export type PlanActuals = { usage: TokenCounts; costUsd: number; durationMilliseconds: number };

export type PlanEndPayload = {
  planId: string;
  status: "completed" | "failed" | "partial_success" | "cancelled";
  tasks: Array<{ taskId: string; status: TaskStatus }>;
  actual: PlanActuals;
  /** The assistant message holding the final answer; null when the plan produced none. */
  finalMessageId: string | null;
  endedAt: string;
};

type EventPayloads = {
  "message-start": MessageStartPayload;
  "message-delta": MessageDeltaPayload;
  "message-end": MessageEndPayload;
  "message-fail": MessageFailPayload;
  "tool-start": ToolStartPayload;
  "tool-end": ToolEndPayload;
  "tool-approval-request": ToolApprovalRequestPayload;
  "tool-approval-end": ToolApprovalEndPayload;
  "plan-create": PlanCreatePayload;
  "plan-approval-request": PlanApprovalRequestPayload;
  "plan-approve": PlanApprovePayload;
  "plan-reject": PlanRejectPayload;
  "plan-start": PlanStartPayload;
  "task-start": TaskStartPayload;
  "task-delta": TaskDeltaPayload;
  "task-end": TaskEndPayload;
  "task-fail": TaskFailPayload;
  "plan-end": PlanEndPayload;
};

// Fails to compile the moment a payload stops being plain JSON.
type JsonOnly<Map extends Record<keyof Map, JsonValue>> = Map;

/** Every event name and its payload. */
export type EventMap = JsonOnly<EventPayloads>;

export type EventType = keyof EventMap;

export type EventPayload<Type extends EventType> = EventMap[Type];

export type EventOf<Type extends EventType> = { type: Type; payload: EventMap[Type] };

/** Discriminated on `type`: narrowing it narrows `payload`. */
export type CodelabEvent = { [Type in EventType]: EventOf<Type> }[EventType];

/** Events that belong to a plan: published with the plan's id so plan subscribers receive them. */
export type PlanEventType = Extract<EventType, `plan-${string}` | `task-${string}`>;
