import type { Database } from "@codelab/db";
import type { EventBus } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import { expireToolApproval } from "./expire-tool-approval.js";

const batchSize = 100;

/**
 * Rejects tool calls still waiting past their deadline whose turn is gone (the server that waited
 * stopped): a live turn expires its own call, this catches the rest. Returns how many it rejected.
 */
export async function expireOverdueToolApprovals(
  deps: { db: Database; events: EventBus; clock: Clock },
  scope: { userId: string; projectId: string } | Record<string, never> = {},
): Promise<number> {
  const now = deps.clock.now();
  let expired = 0;
  for (;;) {
    const overdue = await deps.db.toolInvocation.findMany({
      where: { ...scope, status: "awaiting_approval", approvalExpiresAt: { lte: now }, sessionId: { not: null } },
      select: { id: true, userId: true, projectId: true, sessionId: true },
      orderBy: { approvalExpiresAt: "asc" },
      take: batchSize,
    });
    const before = expired;
    for (const call of overdue) {
      const scope = { userId: call.userId, projectId: call.projectId, sessionId: call.sessionId! };
      if (await expireToolApproval(deps, { scope, invocationId: call.id })) expired += 1;
    }
    if (overdue.length < batchSize || expired === before) return expired;
  }
}
