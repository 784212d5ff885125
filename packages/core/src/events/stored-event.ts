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
  return frozenEvent(id, fields.type, deepFreeze(fields.payload), fields);
}

/**
 * The event as `decodeEvent(id, encodeEvent(scope, event))` makes it, without the text in
 * between: for delivering an append to this process's own subscribers, where the round trip
 * through JSON was most of the cost of publishing (the Redis bus still encodes it for the log).
 */
export function storedEvent(id: string, scope: EventScope, event: EventOf<EventType>): StoredEvent {
  return frozenEvent(id, event.type, frozenJsonCopy(event.payload), scope);
}

function frozenEvent(id: string, type: EventType, payload: unknown, scope: Pick<EventScope, "userId" | "projectId" | "sessionId"> & { planId?: string | null }): StoredEvent {
  // Spelled out rather than spread, in the same key order: this runs for every event published or read.
  return Object.freeze({
    id,
    type,
    payload,
    userId: scope.userId,
    projectId: scope.projectId,
    sessionId: scope.sessionId,
    planId: scope.planId ?? null,
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

/** A frozen copy of what `JSON.parse(JSON.stringify(value))` gives; undefined where JSON leaves the value out. */
function frozenJsonCopy(value: unknown): unknown {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "object") return undefined;
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return frozenJsonCopy((value as { toJSON(): unknown }).toJSON());
  if (Array.isArray(value)) return Object.freeze(value.map((item) => frozenJsonCopy(item) ?? null));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const copied = frozenJsonCopy(item);
    if (copied !== undefined) copy[key] = copied;
  }
  return Object.freeze(copy);
}
