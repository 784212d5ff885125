import type { ErrorShape } from "@codelab/api";
import type { StoredEvent } from "@codelab/core";

// tRPC's Server-Sent Events protocol as its httpSubscriptionLink reads it (@trpc/server 11,
// unstable-core-do-not-import/stream/sse.ts): a `connected` event carrying the client options,
// each tracked value as data with its id, `ping` events, and a `serialized-error` before the end.

export const pingFrame = "event: ping\ndata: \n\n";

export const connectedFrame = (options: { reconnectAfterInactivityMs: number }) => `event: connected\ndata: ${JSON.stringify(options)}\n\n`;

export const serializedErrorFrame = (shape: ErrorShape) => `event: serialized-error\ndata: ${JSON.stringify(shape)}\n\n`;

// Stored events are frozen and shared by every local subscriber, so each is serialized and encoded once, not once per subscriber.
const frames = new WeakMap<StoredEvent, Buffer>();

/** A `tracked(event.id, event)` value: the client hands `{ id, data }` to `onData` and resumes after `id`. */
export function trackedFrame(event: StoredEvent): Buffer {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = Buffer.from(`data: ${JSON.stringify(event)}\nid: ${event.id}\n\n`);
    frames.set(event, frame);
  }
  return frame;
}
