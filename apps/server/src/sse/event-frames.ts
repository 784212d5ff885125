import type { StoredEvent } from "@codelab/core";
import { snakeCaseKeys } from "../rest/case-conversion.js";

/**
 * Free-form JSON inside payloads (a tool's input and output) belongs to the tool and keeps its
 * keys; every other key is converted to snake_case like the rest of the REST API.
 */
const freeFormFields = new Set(["input", "output"]);

function restPayload(payload: StoredEvent["payload"]): Record<string, unknown> {
  const converted = snakeCaseKeys(payload) as Record<string, unknown>;
  // Their names are the same in both spellings.
  for (const [key, value] of Object.entries(payload)) if (freeFormFields.has(key)) converted[key] = value;
  return converted;
}

/** The `data:` of an event: its envelope and payload, snake_case, with `type` so one parser handles every event. */
function restEventData(event: StoredEvent): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    project_id: event.projectId,
    session_id: event.sessionId,
    plan_id: event.planId,
    published_at: event.publishedAt,
    payload: restPayload(event.payload),
  };
}

/**
 * The design documents' client listens with `onmessage` for `{ type: "agent_response", content }`:
 * an unnamed event, flat, carrying the completed assistant message.
 */
function agentResponseFrame(event: Extract<StoredEvent, { type: "message-end" }>): string {
  return `data: ${JSON.stringify({ type: "agent_response", ...restPayload(event.payload) })}\n\n`;
}

// Stored events are frozen and shared by every local subscriber, so each is serialized and encoded
// once, not once per subscriber: every socket is handed the same bytes, with no UTF-8 encoding per write.
const frames = new WeakMap<StoredEvent, Buffer>();

/**
 * An event as SSE: `id` (the resume point), `event` (its type), `data` (JSON). A message's end is
 * preceded by the design's `agent_response` alias, sent without an id so the client's resume point
 * only moves once the typed event has arrived: a reconnect may repeat the alias, never lose the event.
 */
export function eventFrame(event: StoredEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    const text = `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(restEventData(event))}\n\n`;
    frame = Buffer.from(event.type === "message-end" ? agentResponseFrame(event) + text : text);
    frames.set(event, frame);
  }
  return frame;
}

/** A burst as one write. */
export function eventFrames(events: readonly StoredEvent[]): Buffer {
  return events.length === 1 ? eventFrame(events[0]!) : Buffer.concat(events.map(eventFrame));
}

export const heartbeatFrame = ": heartbeat\n\n";

export const retryFrame = (milliseconds: number) => `retry: ${milliseconds}\n\n`;

/** Sent before ending a stream whose resume point was trimmed: the client must reload, then subscribe without a last event id. */
export function resetFrame(message: string): string {
  return `event: reset\ndata: ${JSON.stringify({ type: "reset", reason: "trimmed", message })}\n\n`;
}
