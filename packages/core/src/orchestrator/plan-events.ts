import type { Database, Prisma } from "@codelab/db";
import type { EventBus, PlanEventScope } from "../events/event-bus.js";
import type { EventOf, PlanEventType } from "../events/event-map.js";

type Transaction = Prisma.TransactionClient;

export type PlanEvent = { [Type in PlanEventType]: EventOf<Type> }[PlanEventType];

/**
 * Writes plan events in the caller's transaction, beside the state change they describe, so a
 * transition and its event are stored together or not at all. `publishPlanEvents` sends them on.
 */
export async function recordPlanEvents(transaction: Transaction, scope: PlanEventScope, events: PlanEvent[]): Promise<void> {
  if (events.length === 0) return;
  await transaction.planEventOutbox.createMany({
    data: events.map((event) => ({
      userId: scope.userId,
      projectId: scope.projectId,
      sessionId: scope.sessionId,
      planId: scope.planId,
      type: event.type,
      payload: event.payload,
    })),
  });
}

/**
 * Publishes recorded plan events in order and marks them published. At least once: a crash
 * between publishing and marking publishes that event again on recovery.
 */
export async function publishPlanEvents({ db, events }: { db: Database; events: EventBus }, { planId }: { planId?: string } = {}): Promise<number> {
  const pending = await db.planEventOutbox.findMany({
    where: { publishedAt: null, ...(planId ? { planId } : {}) },
    orderBy: { id: "asc" },
    take: 500,
  });
  for (const row of pending) {
    const scope: PlanEventScope = { userId: row.userId, projectId: row.projectId, sessionId: row.sessionId, planId: row.planId };
    await events.publish(scope, { type: row.type, payload: row.payload } as unknown as PlanEvent);
    await db.planEventOutbox.update({ where: { id: row.id }, data: { publishedAt: new Date() } });
  }
  return pending.length;
}
