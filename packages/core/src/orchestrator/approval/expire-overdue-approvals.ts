import type { Clock } from "../../ports/clock.js";
import { expirePlan, type ExpiryDependencies } from "./expire-plan.js";

const batchSize = 100;

/**
 * Rejects every plan whose approval deadline has passed (reason `approval_timeout`), optionally
 * only one user's plans in one project. The server runs it on an interval and at start-up; the
 * deadline is stored, so a plan that expired while no server ran is rejected on the next sweep.
 * Returns how many plans it rejected.
 */
export async function expireOverdueApprovals(
  deps: ExpiryDependencies & { clock: Clock },
  scope: { userId: string; projectId: string } | Record<string, never> = {},
): Promise<number> {
  const now = deps.clock.now();
  let expired = 0;
  for (;;) {
    const overdue = await deps.db.taskPlan.findMany({
      where: { ...scope, status: "pending_approval", approvalExpiresAt: { lte: now } },
      select: { id: true, userId: true, projectId: true, sessionId: true },
      orderBy: { approvalExpiresAt: "asc" },
      take: batchSize,
    });
    const before = expired;
    for (const plan of overdue) if (await expirePlan(deps, plan, now)) expired += 1;
    // A full batch that another process decided meanwhile: the next query would return it again.
    if (overdue.length < batchSize || expired === before) return expired;
  }
}
