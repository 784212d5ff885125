import { planStatuses, planTaskStatuses, type PlanOutput } from "@codelab/contracts";
import type { Prisma } from "@codelab/db";
import { AppError, type JsonValue } from "../../errors/app-error.js";
import { displayOrder } from "../planning/graph-order.js";

export const planSummarySelect = {
  id: true,
  projectId: true,
  sessionId: true,
  originalRequest: true,
  status: true,
  version: true,
  cached: true,
  requiresApproval: true,
  approvalReason: true,
  approvalExpiresAt: true,
  endReason: true,
  totalEstimatedCost: true,
  totalEstimatedDuration: true,
  totalActualCost: true,
  totalActualDuration: true,
  actualPromptTokens: true,
  actualCompletionTokens: true,
  finalMessageId: true,
  createdAt: true,
  startedAt: true,
  completedAt: true,
} satisfies Prisma.TaskPlanSelect;

export const planTaskSelect = {
  taskId: true,
  description: true,
  agentId: true,
  agentName: true,
  dependencies: true,
  expectedOutput: true,
  riskLevel: true,
  status: true,
  estimatedInputTokens: true,
  estimatedOutputTokens: true,
  estimatedCost: true,
  estimatedDuration: true,
  promptTokens: true,
  completionTokens: true,
  actualCost: true,
  actualDuration: true,
  result: true,
  error: true,
  attempts: true,
  startedAt: true,
  completedAt: true,
} satisfies Prisma.TaskPlanTaskSelect;

export const planSelect = { ...planSummarySelect, tasks: { select: planTaskSelect } } satisfies Prisma.TaskPlanSelect;

type PlanSummaryRow = Prisma.TaskPlanGetPayload<{ select: typeof planSummarySelect }>;
type PlanTaskRow = Prisma.TaskPlanTaskGetPayload<{ select: typeof planTaskSelect }>;
type PlanRow = Prisma.TaskPlanGetPayload<{ select: typeof planSelect }>;

export type PlanRecord = PlanOutput;
export type PlanSummaryRecord = Omit<PlanRecord, "tasks">;
export type PlanTaskRecord = PlanRecord["tasks"][number];

export const planNotFound = () => new AppError("PLAN_NOT_FOUND", "Plan not found");

function oneOf<Value extends string>(values: readonly Value[], value: string): Value {
  const found = values.find((candidate) => candidate === value);
  if (found === undefined) throw new Error(`Unknown status "${value}" in the database`);
  return found;
}

// Prisma types JSON objects as having optional keys; a value read back from the database never holds undefined.
const asJson = (value: Prisma.JsonValue): JsonValue => value as JsonValue;

const stringList = (value: Prisma.JsonValue): string[] => (Array.isArray(value) ? value.filter((item) => typeof item === "string") : []);

export function toPlanSummary(row: PlanSummaryRow): PlanSummaryRecord {
  return {
    id: row.id,
    projectId: row.projectId,
    sessionId: row.sessionId,
    request: row.originalRequest,
    status: oneOf(planStatuses, row.status),
    version: row.version,
    cached: row.cached,
    requiresApproval: row.requiresApproval,
    approvalReason: row.approvalReason,
    approvalExpiresAt: row.approvalExpiresAt,
    endReason: row.endReason,
    estimate: { costUsd: row.totalEstimatedCost, durationMilliseconds: row.totalEstimatedDuration },
    actual: {
      promptTokens: row.actualPromptTokens,
      completionTokens: row.actualCompletionTokens,
      costUsd: row.totalActualCost,
      durationMilliseconds: row.totalActualDuration,
    },
    finalMessageId: row.finalMessageId,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}

function toPlanTask(row: PlanTaskRow): PlanTaskRecord {
  return {
    taskId: row.taskId,
    description: row.description,
    agentId: row.agentId,
    agentName: row.agentName,
    dependencies: stringList(row.dependencies),
    expectedOutput: row.expectedOutput,
    riskLevel: row.riskLevel,
    status: oneOf(planTaskStatuses, row.status),
    estimate: {
      inputTokens: row.estimatedInputTokens,
      outputTokens: row.estimatedOutputTokens,
      costUsd: row.estimatedCost,
      durationMilliseconds: row.estimatedDuration,
    },
    actual: { promptTokens: row.promptTokens, completionTokens: row.completionTokens, costUsd: row.actualCost, durationMilliseconds: row.actualDuration },
    result: row.result === null ? null : asJson(row.result),
    error: row.error,
    attempts: row.attempts,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
  };
}

export function toPlanRecord(row: PlanRow): PlanRecord {
  return { ...toPlanSummary(row), tasks: displayOrder(row.tasks.map(toPlanTask)) };
}
