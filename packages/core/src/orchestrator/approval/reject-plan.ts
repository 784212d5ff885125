import type { Clock } from "../../ports/clock.js";
import { readPlan } from "../plans/get-plan.js";
import type { PlanRecord } from "../plans/plan-select.js";
import { expirePlan, type ExpiryDependencies } from "./expire-plan.js";
import { findPlanForDecision, isOverdue, leavePendingApproval, planStateConflict, type PlanScope } from "./pending-plan.js";

/**
 * Rejects a waiting plan (end reason `user`); nothing of it runs. A plan that is no longer
 * waiting, or has passed its deadline (it is then rejected with `approval_timeout`), is refused
 * with PLAN_STATE_CONFLICT and its current status.
 */
export async function rejectPlan(deps: ExpiryDependencies & { clock: Clock }, scope: PlanScope): Promise<PlanRecord> {
  const now = deps.clock.now();
  const plan = await findPlanForDecision(deps, scope);
  if (plan.status === "pending_approval" && isOverdue(plan, now)) {
    await expirePlan(deps, plan, now);
    throw planStateConflict(await findPlanForDecision(deps, scope), "rejected");
  }
  if (plan.status !== "pending_approval") throw planStateConflict(plan, "rejected");

  const rejected = await leavePendingApproval(deps, {
    plan,
    where: { approvalExpiresAt: { gt: now } },
    data: { status: "rejected", endReason: "user", completedAt: now },
    events: [{ type: "plan-reject", payload: { planId: plan.id, status: "rejected", reason: "user", rejectedAt: now.toISOString() } }],
  });
  if (!rejected) throw planStateConflict(await findPlanForDecision(deps, scope), "rejected");
  deps.metrics.planApprovals.inc({ outcome: "rejected" });
  await deps.planEvents.publish(plan.id);
  return readPlan(deps, scope);
}
