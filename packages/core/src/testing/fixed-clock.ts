import type { Clock } from "../ports/clock.js";

export interface FixedClock extends Clock {
  set(date: Date): void;
  advance(milliseconds: number): void;
}

/** A clock tests move by hand. */
export function createFixedClock(start = new Date("2026-01-01T00:00:00.000Z")): FixedClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    set: (date) => {
      current = date.getTime();
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}
