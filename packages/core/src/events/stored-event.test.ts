import { describe, expect, it } from "vitest";
import type { EventOf, EventType } from "./event-map.js";
import { decodeEvent, encodeEvent, storedEvent } from "./stored-event.js";

const scope = { userId: "u1", projectId: "p1", sessionId: "s1" };

describe("storedEvent", () => {
  it("is the event as a round trip through its stored text makes it, JSON's rules included", () => {
    const payload = {
      messageId: "m1",
      text: "hello",
      skipped: undefined,
      notANumber: Number.NaN,
      infinite: Number.POSITIVE_INFINITY,
      when: new Date("2026-11-22T10:00:00.000Z"),
      nested: { list: [1, undefined, "two", { deep: true, gone: undefined }], empty: {} },
      withToJson: { toJSON: () => ({ shown: "as JSON" }) },
    };
    const event = { type: "message-delta", payload } as unknown as EventOf<EventType>;
    const id = "1763805600000-3";

    expect(storedEvent(id, { ...scope, planId: "plan1" }, event)).toStrictEqual(decodeEvent(id, encodeEvent({ ...scope, planId: "plan1" }, event)));
    expect(storedEvent(id, scope, event)).toStrictEqual(decodeEvent(id, encodeEvent(scope, event)));
  });

  it("is frozen all the way down and shares nothing with what the publisher still holds", () => {
    const payload = { messageId: "m1", text: "hello", nested: { list: [{ deep: 1 }] } };
    const stored = storedEvent("1763805600000-0", scope, { type: "message-delta", payload } as unknown as EventOf<EventType>);
    payload.nested.list[0]!.deep = 2;

    const copied = stored.payload as unknown as typeof payload;
    expect(copied.nested.list[0]!.deep).toBe(1);
    expect([stored, copied, copied.nested, copied.nested.list, copied.nested.list[0]].every((value) => Object.isFrozen(value))).toBe(true);
  });
});
