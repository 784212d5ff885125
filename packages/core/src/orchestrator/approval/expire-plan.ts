import type { Database } from "@codelab/db";
import type { Metrics } from "../../metrics/metrics.js";
import type { PlanEventPublisher } from "../outbox/plan-event-publisher.js";
import { leavePendingApproval, type PlanForDecision } from "./pending-plan.js";

export interface ExpiryDependencies {
  db: Database;
  metrics: Metrics;
  planEvents: PlanEventPublisher;
}

/** Rejects an overdue plan with `approval_timeout`; false when it was decided or is not overdue after all. */
export async function expirePlan(
  deps: ExpiryDependencies,
  plan: Pick<PlanForDecision, "id" | "userId" | "projectId" | "sessionId">,
  now: Date,
): Promise<boolean> {
  const expired = await leavePendingApproval(deps, {
    plan,
    where: { approvalExpiresAt: { lte: now } },
    data: { status: "rejected", endReason: "approval_timeout", completedAt: now },
    events: [{ type: "plan-reject", payload: { planId: plan.id, status: "rejected", reason: "approval_timeout", rejectedAt: now.toISOString() } }],
  });
  if (expired) {
    deps.metrics.planApprovals.inc({ outcome: "expired" });
    await deps.planEvents.publish(plan.id);
  }
  return expired;
}
