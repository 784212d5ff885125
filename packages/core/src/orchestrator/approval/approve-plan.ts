import type { Clock } from "../../ports/clock.js";
import { assertWithinDailyBudget } from "../budget/daily-budget.js";
import type { PlanExecutor } from "../plan-executor.js";
import { readPlan } from "../plans/get-plan.js";
import type { PlanRecord } from "../plans/plan-select.js";
import { expirePlan, type ExpiryDependencies } from "./expire-plan.js";
import { findPlanForDecision, isOverdue, leavePendingApproval, planStateConflict, type PlanScope } from "./pending-plan.js";

export type ApprovalDependencies = ExpiryDependencies & { clock: Clock; planExecutor: PlanExecutor };

/**
 * Approves a waiting plan and starts it. Refused with PLAN_STATE_CONFLICT (and the current status)
 * when the plan is no longer waiting, has passed its deadline, or is not the `version` reviewed;
 * with BUDGET_EXCEEDED when running it would break the daily cap. Of concurrent approvals exactly
 * one succeeds.
 */
export async function approvePlan(deps: ApprovalDependencies, { version, ...scope }: PlanScope & { version?: number | undefined }): Promise<PlanRecord> {
  const now = deps.clock.now();
  const plan = await findPlanForDecision(deps, scope);
  if (plan.status === "pending_approval" && isOverdue(plan, now)) {
    await expirePlan(deps, plan, now);
    throw planStateConflict(await findPlanForDecision(deps, scope), "approved");
  }
  if (plan.status !== "pending_approval" || (version !== undefined && version !== plan.version)) throw planStateConflict(plan, "approved");
  await assertWithinDailyBudget(deps, { userId: scope.userId, estimatedCostUsd: plan.totalEstimatedCost ?? 0 });

  const approved = await leavePendingApproval(deps, {
    plan,
    where: { version: plan.version, approvalExpiresAt: { gt: now } },
    // The engine stamps `startedAt` and records `plan-start` when it begins running the plan.
    data: { status: "executing" },
    events: [{ type: "plan-approve", payload: { planId: plan.id, status: "executing", approvedAt: now.toISOString() } }],
  });
  if (!approved) throw planStateConflict(await findPlanForDecision(deps, scope), "approved");
  deps.metrics.planApprovals.inc({ outcome: "approved" });
  await deps.planEvents.publish(plan.id);
  deps.planExecutor.start({ planId: plan.id, userId: scope.userId });
  return readPlan(deps, scope);
}
