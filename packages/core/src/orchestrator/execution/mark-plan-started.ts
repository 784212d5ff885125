import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import { recordPlanEvents } from "../plan-events.js";

/** Stamps the start of an executing plan with `plan-start`, once: a resumed plan keeps its first start. */
export async function markPlanStarted({ db, clock }: { db: Database; clock: Clock }, scope: PlanEventScope): Promise<boolean> {
  const startedAt = clock.now();
  return db.$transaction(async (transaction) => {
    const { count } = await transaction.taskPlan.updateMany({ where: { id: scope.planId, status: "executing", startedAt: null }, data: { startedAt } });
    if (count === 0) return false;
    await recordPlanEvents(transaction, scope, [{ type: "plan-start", payload: { planId: scope.planId, status: "executing", startedAt: startedAt.toISOString() } }]);
    return true;
  });
}
