import type { EventScope, StoredEvent } from "./event-bus.js";
import { eventIdTime } from "./event-id.js";
import type { EventOf, EventType } from "./event-map.js";

/** The event as kept in the log; the id and publish time live in the log entry's id. */
export function encodeEvent(scope: EventScope, event: EventOf<EventType>): string {
  return JSON.stringify({
    type: event.type,
    payload: event.payload,
    userId: scope.userId,
    projectId: scope.projectId,
    sessionId: scope.sessionId,
    planId: scope.planId ?? null,
  });
}

/**
 * Both buses decode from the encoded text, so a stored event is the same plain JSON whichever
 * bus holds it, and never aliases an object the publisher may still change. Frozen because one
 * object is shared by every local subscriber (which lets transports cache per-event work).
 */
export function decodeEvent(id: string, encoded: string): StoredEvent {
  const fields = JSON.parse(encoded) as Omit<StoredEvent, "id" | "publishedAt">;
  // Spelled out rather than spread, in the same key order: this runs for every event published or read.
  return Object.freeze({
    id,
    type: fields.type,
    payload: deepFreeze(fields.payload),
    userId: fields.userId,
    projectId: fields.projectId,
    sessionId: fields.sessionId,
    planId: fields.planId,
    publishedAt: eventIdTime(id),
  } as StoredEvent);
}

function deepFreeze<Value>(value: Value): Value {
  if (typeof value === "object" && value !== null) {
    for (const key in value) deepFreeze(value[key]);
    Object.freeze(value);
  }
  return value;
}
