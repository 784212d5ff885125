import { Prisma, queryRows, type Database } from "@codelab/db";
import type { EventBus, PlanEventScope } from "../events/event-bus.js";
import type { EventOf, PlanEventType } from "../events/event-map.js";

type Transaction = Prisma.TransactionClient;

export type PlanEvent = { [Type in PlanEventType]: EventOf<Type> }[PlanEventType];

/**
 * Writes plan events in the caller's transaction, beside the state change they describe, so a
 * transition and its event are stored together or not at all. `sendPlanEvents` sends them on.
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

/** At most this many events are read at a time. */
export const planEventBatchSize = 500;

/** An event as recorded in the outbox: its row id orders the events of a plan. */
export interface RecordedPlanEvent {
  id: bigint;
  scope: PlanEventScope;
  event: PlanEvent;
}

/** The oldest recorded, unpublished events of the given plans, leaving out `excluding` (events already sent or being sent). */
export async function readUnpublishedPlanEvents(
  db: Database,
  { planIds, excluding }: { planIds: readonly string[]; excluding: ReadonlySet<bigint> },
): Promise<RecordedPlanEvent[]> {
  // int8 arrives as text from `queryRows`.
  const rows = await queryRows<{ id: string; userId: string; projectId: string; sessionId: string; planId: string; type: string; payload: unknown }>(
    db,
    Prisma.sql`
      SELECT id, user_id AS "userId", project_id AS "projectId", session_id AS "sessionId", plan_id AS "planId", type, payload
      FROM plan_event_outbox
      WHERE published_at IS NULL AND plan_id = ANY(${[...planIds]}::uuid[]) AND NOT (id = ANY(${[...excluding].map(String)}::bigint[]))
      ORDER BY id
      LIMIT ${planEventBatchSize}`,
  );
  return rows.map(({ id, type, payload, ...scope }) => ({ id: BigInt(id), scope, event: { type, payload } as unknown as PlanEvent }));
}

/** What one send did: `sent` are on the bus (mark them published). */
export interface SentPlanEvents {
  sent: bigint[];
  /** Set when an event could not be sent: it and the ones after it stay unsent, for the next send. */
  failure?: Error;
}

/**
 * Sends recorded events to the bus in the given order. Marking is the caller's: a crash between
 * sending and marking sends those events again on recovery (at least once).
 */
export async function sendPlanEvents(events: EventBus, recorded: readonly RecordedPlanEvent[]): Promise<SentPlanEvents> {
  // Handed to the bus in one turn, in order: a bus that batches appends sends them as one burst.
  const outcomes = await Promise.allSettled(recorded.map(({ scope, event }) => events.publish(scope, event)));
  // Only the run before the first failure counts as sent: the failed event and every one after it
  // are sent again, in order, by the next send. At least once: a subscriber may then see an event
  // after it went out once (the bus fails a burst as a whole, so this stays rare).
  const firstFailure = outcomes.findIndex((outcome) => outcome.status === "rejected");
  const sent = recorded.slice(0, firstFailure === -1 ? recorded.length : firstFailure).map((row) => row.id);
  if (firstFailure === -1) return { sent };
  const reason: unknown = (outcomes[firstFailure] as PromiseRejectedResult).reason;
  return { sent, failure: reason instanceof Error ? reason : new Error("The event bus refused a plan event") };
}

/** Marks sent events published, in one statement however many there are. */
export async function markPlanEventsPublished(db: Database, ids: readonly bigint[]): Promise<void> {
  if (ids.length > 0) await queryRows(db, Prisma.sql`UPDATE plan_event_outbox SET published_at = now() WHERE id = ANY(${ids.map(String)}::bigint[])`);
}
