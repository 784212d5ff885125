import { randomUUID } from "node:crypto";
import type { Database } from "@codelab/db";
import type { AgentRecord } from "../../agents/agent-select.js";
import type { PlanEstimate, TaskEstimate } from "../../events/event-map.js";
import type { Clock } from "../../ports/clock.js";
import { dangerousToolsOf, type ApprovalDecision } from "../approval/approval-rule.js";
import { recordPlanEvents, type PlanEvent } from "../plan-events.js";
import type { PlannedTask } from "../plan-graph.js";
import type { PlanningUsage } from "./request-plan.js";

export interface NewPlan {
  userId: string;
  projectId: string;
  sessionId: string;
  request: string;
  /** The user message that asked for the plan: linked to it, and charged the planning calls. */
  userMessageId: string;
  usage: PlanningUsage;
  cached: boolean;
  tasks: Array<{ task: PlannedTask; agent: AgentRecord; estimate: TaskEstimate }>;
  total: PlanEstimate;
  approval: ApprovalDecision;
  approvalTimeoutSeconds: number;
}

/** What the asking user message records of the planning calls; their cost counts against the daily budget there. */
export function planningSpend(usage: PlanningUsage) {
  return usage.calls > 0 ? { cost: usage.costUsd, metadata: { mode: "orchestrator", planning: { ...usage } } } : {};
}

/**
 * Stores the plan, its tasks and its events in one transaction: `pending_approval` with its
 * deadline and `plan-approval-request`, or straight to `executing` (the engine records
 * `plan-start` when it actually begins). `plan-create` comes first either way.
 */
export async function persistPlan({ db, clock }: { db: Database; clock: Clock }, plan: NewPlan): Promise<{ planId: string }> {
  const { userId, projectId, sessionId, request, approval } = plan;
  const planId = randomUUID();
  const now = clock.now();
  const approvalExpiresAt = approval.requiresApproval ? new Date(now.getTime() + plan.approvalTimeoutSeconds * 1000) : null;
  const events: PlanEvent[] = [
    {
      type: "plan-create",
      payload: {
        planId,
        sessionId,
        status: "created",
        request,
        tasks: plan.tasks.map(({ task, agent, estimate }) => ({
          taskId: task.taskId,
          description: task.description,
          agentName: agent.name,
          agentId: agent.id,
          dependencies: task.dependencies,
          status: "pending",
          estimate,
        })),
        estimate: plan.total,
        requiresApproval: approval.requiresApproval,
        approvalReason: approval.approvalReason,
        cached: plan.cached,
        createdAt: now.toISOString(),
      },
    },
  ];
  if (approval.approvalReason !== null && approvalExpiresAt !== null) {
    events.push({
      type: "plan-approval-request",
      payload: { planId, status: "pending_approval", estimate: plan.total, approvalReason: approval.approvalReason, expiresAt: approvalExpiresAt.toISOString() },
    });
  }

  await db.$transaction(async (transaction) => {
    await transaction.taskPlan.create({
      data: {
        id: planId,
        userId,
        projectId,
        sessionId,
        originalRequest: request,
        status: approval.requiresApproval ? "pending_approval" : "executing",
        totalEstimatedCost: plan.total.totalCostUsd,
        totalEstimatedDuration: plan.total.totalDurationMilliseconds,
        requiresApproval: approval.requiresApproval,
        approvalReason: approval.approvalReason,
        cached: plan.cached,
        approvalExpiresAt,
        createdAt: now,
        tasks: {
          createMany: {
            data: plan.tasks.map(({ task, agent, estimate }) => ({
              taskId: task.taskId,
              description: task.description,
              agentId: agent.id,
              agentName: agent.name,
              dependencies: task.dependencies,
              expectedOutput: task.expectedOutput,
              riskLevel: dangerousToolsOf(agent.config).length > 0 ? "high" : "low",
              estimatedInputTokens: estimate.inputTokens,
              estimatedOutputTokens: estimate.outputTokens,
              estimatedCost: estimate.costUsd,
              estimatedDuration: estimate.durationMilliseconds,
              createdAt: now,
            })),
          },
        },
      },
    });
    await transaction.message.update({ where: { id: plan.userMessageId }, data: { planId, ...planningSpend(plan.usage) } });
    await recordPlanEvents(transaction, { userId, projectId, sessionId, planId }, events);
  });
  return { planId };
}
