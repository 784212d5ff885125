import type { Database } from "@codelab/db";
import type { EventBus, EventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import { toolInvocationSubjectSelect, toolSubjectOf } from "../tool-call-subject.js";

/** Rejects a call whose approval window has passed (reason `approval_timeout`); a no-op when it was decided meanwhile. */
export async function expireToolApproval(
  { db, events, clock }: { db: Database; events: EventBus; clock: Clock },
  { scope, invocationId }: { scope: EventScope; invocationId: string },
): Promise<boolean> {
  const now = clock.now();
  const { count } = await db.toolInvocation.updateMany({
    where: { id: invocationId, userId: scope.userId, status: "awaiting_approval", approvalExpiresAt: { lte: now } },
    data: { status: "rejected", statusReason: "approval_timeout", completedAt: now },
  });
  if (count === 0) return false;
  const row = await db.toolInvocation.findFirstOrThrow({ where: { id: invocationId, userId: scope.userId }, select: toolInvocationSubjectSelect });
  await events.publish(scope, {
    type: "tool-approval-end",
    payload: { ...toolSubjectOf(row), decision: "rejected", reason: "approval_timeout", decidedAt: now.toISOString() },
  });
  return true;
}
