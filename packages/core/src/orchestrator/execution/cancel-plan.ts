import type { Clock } from "../../ports/clock.js";
import type { ExpiryDependencies } from "../approval/expire-plan.js";
import type { PlanScope } from "../approval/pending-plan.js";
import type { PlanExecutor } from "../plan-executor.js";
import { getPlan, readPlan } from "../plans/get-plan.js";
import type { PlanRecord } from "../plans/plan-select.js";

/**
 * `plans.cancel`: the owner stops a plan of this project that has not ended. In-flight model calls
 * are aborted and unfinished tasks end `cancelled`; resolves with the plan once it has stopped.
 * Another user's plan, or another project's, is not found; an ended plan is a conflict.
 */
export async function cancelPlan(deps: ExpiryDependencies & { clock: Clock; planExecutor: PlanExecutor }, scope: PlanScope): Promise<PlanRecord> {
  // Reading first proves the plan is the caller's and in this project, and settles an overdue
  // approval as the rejection it already is, so it cannot be cancelled instead.
  await getPlan(deps, scope);
  await deps.planExecutor.cancel({ planId: scope.planId, userId: scope.userId });
  return readPlan(deps, scope);
}
