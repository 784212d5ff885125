import type { Database } from "@codelab/db";
import type { Clock } from "../../ports/clock.js";
import { expirePlan, type ExpiryDependencies } from "../approval/expire-plan.js";
import { isOverdue, type PlanScope } from "../approval/pending-plan.js";
import { planNotFound, planSelect, toPlanRecord, type PlanRecord } from "./plan-select.js";

/** The caller's plan with its tasks, as stored; PLAN_NOT_FOUND for anyone else's. */
export async function readPlan({ db }: { db: Database }, { userId, projectId, planId }: PlanScope): Promise<PlanRecord> {
  const row = await db.taskPlan.findFirst({ where: { id: planId, userId, projectId }, select: planSelect });
  if (!row) throw planNotFound();
  return toPlanRecord(row);
}

/**
 * The caller's plan with its tasks, estimates and actuals. A plan past its approval deadline is
 * shown rejected even if no sweep has run since: the deadline, not a timer, decides.
 */
export async function getPlan(deps: ExpiryDependencies & { clock: Clock }, scope: PlanScope): Promise<PlanRecord> {
  const plan = await readPlan(deps, scope);
  const now = deps.clock.now();
  if (plan.status !== "pending_approval" || !isOverdue({ approvalExpiresAt: plan.approvalExpiresAt ?? null }, now)) return plan;
  await expirePlan(deps, { id: plan.id, userId: scope.userId, projectId: plan.projectId, sessionId: plan.sessionId }, now);
  return readPlan(deps, scope);
}
