/**
 * Event ids use the Redis Streams format `<milliseconds>-<sequence>` in both bus implementations,
 * so a client's last seen id stays valid whichever implementation (or server instance) serves it next.
 */

/** Reading "after" this id starts at the oldest retained event. */
export const beginningEventId = "0-0";

const eventIdPattern = /^\d{1,15}-\d{1,15}$/;

export interface EventIdParts {
  milliseconds: number;
  sequence: number;
}

export function isEventId(text: string): boolean {
  return eventIdPattern.test(text);
}

export function parseEventId(id: string): EventIdParts {
  const dash = id.indexOf("-");
  return { milliseconds: Number(id.slice(0, dash)), sequence: Number(id.slice(dash + 1)) };
}

export function formatEventId(parts: EventIdParts): string {
  return `${parts.milliseconds}-${parts.sequence}`;
}

export function compareEventIds(left: string, right: string): number {
  const a = parseEventId(left);
  const b = parseEventId(right);
  return a.milliseconds - b.milliseconds || a.sequence - b.sequence;
}

/**
 * The id after `last` at time `nowMilliseconds`: the clock's millisecond when it has moved on,
 * otherwise the next sequence number in the last one, so ids keep rising when the clock stalls or steps back.
 * The Redis append script applies the same rule.
 */
export function nextEventId(last: EventIdParts | undefined, nowMilliseconds: number): EventIdParts {
  if (!last || nowMilliseconds > last.milliseconds) return { milliseconds: nowMilliseconds, sequence: 0 };
  return { milliseconds: last.milliseconds, sequence: last.sequence + 1 };
}

// Events published together share their millisecond: the last one formatted is kept.
let lastTime = { milliseconds: Number.NaN, text: "" };

/** When the event was published, as carried in its id. */
export function eventIdTime(id: string): string {
  const milliseconds = Number(id.slice(0, id.indexOf("-")));
  if (milliseconds !== lastTime.milliseconds) lastTime = { milliseconds, text: new Date(milliseconds).toISOString() };
  return lastTime.text;
}
