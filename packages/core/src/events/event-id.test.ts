import { describe, expect, it } from "vitest";
import { compareEventIds, isEventId, nextEventId } from "./event-id.js";

describe("event ids", () => {
  it("compares by milliseconds, then by sequence, numerically rather than as text", () => {
    expect(compareEventIds("9-0", "10-0")).toBeLessThan(0);
    expect(compareEventIds("10-2", "10-10")).toBeLessThan(0);
    expect(compareEventIds("10-10", "10-10")).toBe(0);
    expect(compareEventIds("11-0", "10-99")).toBeGreaterThan(0);
  });

  it("takes the clock's millisecond when it moved on, else the next sequence of the last id", () => {
    expect(nextEventId(undefined, 500)).toEqual({ milliseconds: 500, sequence: 0 });
    expect(nextEventId({ milliseconds: 500, sequence: 3 }, 500)).toEqual({ milliseconds: 500, sequence: 4 });
    expect(nextEventId({ milliseconds: 500, sequence: 3 }, 200)).toEqual({ milliseconds: 500, sequence: 4 });
    expect(nextEventId({ milliseconds: 500, sequence: 3 }, 501)).toEqual({ milliseconds: 501, sequence: 0 });
  });

  it("accepts only the Redis Streams id format", () => {
    expect(["1767225600000-0", "0-0"].map(isEventId)).toEqual([true, true]);
    expect(["1767225600000", "12-", "-3", "12-3-4", "1e5-0", " 1-0"].map(isEventId)).toEqual(Array(6).fill(false));
  });
});
