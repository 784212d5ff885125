import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";

export const planStatuses = [
  "created",
  "pending_approval",
  "executing",
  "completed",
  "failed",
  "partial_success",
  "rejected",
  "cancelled",
] as const;

export const planTaskStatuses = ["pending", "running", "completed", "failed", "skipped", "cancelled"] as const;

/** Newest first; `sessionId` narrows the list to the plans one chat session started. */
export const listPlansInput = z.strictObject({ ...projectScope, sessionId: uuid.optional(), ...pagination });

export const planIdInput = z.strictObject({ ...projectScope, planId: uuid });

export const approvePlanInput = z.strictObject({
  ...projectScope,
  planId: uuid,
  /** The version the user reviewed; an approval of any other version is refused with 409. */
  version: z.number().int().min(1).max(1_000_000).optional(),
});

export const rejectPlanInput = planIdInput;

const count = z.number().int().nullable();
const dollars = z.number().nullable();
/** Durations are milliseconds throughout. */
const milliseconds = z.number().nullable();

const actualOutput = z.object({ promptTokens: count, completionTokens: count, costUsd: dollars, durationMilliseconds: milliseconds });

export const planTaskOutput = z.object({
  taskId: z.string(),
  description: z.string(),
  /** Null once the agent has been deleted; `agentName` still says who was planned. */
  agentId: uuid.nullable(),
  agentName: z.string(),
  dependencies: z.array(z.string()),
  expectedOutput: z.string().nullable(),
  /** `high` when the agent holds a tool that runs code. */
  riskLevel: z.string().nullable(),
  status: z.enum(planTaskStatuses),
  estimate: z.object({ inputTokens: count, outputTokens: count, costUsd: dollars, durationMilliseconds: milliseconds }),
  actual: actualOutput,
  result: z.json().nullable(),
  error: z.string().nullable(),
  attempts: z.number().int(),
  startedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
});

export const planSummaryOutput = z.object({
  id: uuid,
  projectId: uuid,
  sessionId: uuid.nullable(),
  request: z.string(),
  status: z.enum(planStatuses),
  /** Bumped whenever the tasks or the estimate change. */
  version: z.number().int(),
  /** The structure came from the plan cache, without a planning call. */
  cached: z.boolean(),
  requiresApproval: z.boolean(),
  approvalReason: z.string().nullable(),
  approvalExpiresAt: isoDate.nullable(),
  /** Why a rejected or failed plan ended: `user`, `approval_timeout`, or an error message. */
  endReason: z.string().nullable(),
  /** `durationMilliseconds` is the critical path through the tasks, not their sum. */
  estimate: z.object({ costUsd: dollars, durationMilliseconds: milliseconds }),
  actual: actualOutput,
  finalMessageId: uuid.nullable(),
  createdAt: isoDate,
  startedAt: isoDate.nullable(),
  completedAt: isoDate.nullable(),
});

export const planOutput = planSummaryOutput.extend({ tasks: z.array(planTaskOutput) });

export const planListOutput = z.object({ plans: z.array(planSummaryOutput), total: z.number().int() });

export type PlanOutput = z.input<typeof planOutput>;
