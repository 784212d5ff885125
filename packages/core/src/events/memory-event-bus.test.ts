import { describe, expect, expectTypeOf, it } from "vitest";
import { createFixedClock } from "../testing/fixed-clock.js";
import { isEventStreamError } from "./event-bus.js";
import { createMemoryEventBus } from "./memory-event-bus.js";
import { defaultRetention } from "./retention.js";
import { describeEventBusContract, newScope, publishDelta } from "./testing/event-bus-contract.js";

describeEventBusContract("in process", (options) => createMemoryEventBus(options));

describe("createMemoryEventBus", () => {
  it("types plan events to need their plan's id in the scope and narrows payloads by type", async () => {
    const bus = createMemoryEventBus();
    const scope = newScope();
    const payload = { planId: "plan-a", status: "executing", startedAt: "2026-01-01T00:00:00.000Z" } as const;
    const published = await bus.publish({ ...scope, planId: "plan-a" }, { type: "plan-start", payload });
    expectTypeOf(published.payload).toEqualTypeOf<{ planId: string; status: "executing"; startedAt: string }>();
    expect(published.planId).toBe("plan-a");

    // @ts-expect-error a plan event published without the plan's id would never reach the plan's subscribers
    await expect(bus.publish(scope, { type: "plan-start", payload })).resolves.toMatchObject({ planId: null });
    // @ts-expect-error the payload must match its type
    await bus.publish(scope, { type: "message-delta", payload: { text: "missing ids" } });
    await bus.close();
  });

  it("drops a session nobody published to for the idle expiry, so resuming it reports trimmed", async () => {
    const clock = createFixedClock();
    const bus = createMemoryEventBus({ clock });
    const idle = newScope();
    const active = newScope();
    const last = await publishDelta(bus, idle, "before the break");
    clock.advance(defaultRetention.idleExpiryMilliseconds - 60_000);
    await publishDelta(bus, active, "still within the expiry");
    expect(await bus.read(idle, { afterId: "0-0" })).toHaveLength(1);

    clock.advance(60_000);
    await publishDelta(bus, active, "sweeps idle sessions");
    const error: unknown = await bus.subscribe(idle, { afterId: last.id }).catch((caught: unknown) => caught);

    expect(isEventStreamError(error) && error.reason).toBe("trimmed");
    expect(await bus.read(idle, { afterId: "0-0" })).toEqual([]);
    await bus.close();
  });
});
