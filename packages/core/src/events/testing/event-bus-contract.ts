import { randomUUID } from "node:crypto";
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isAppError } from "../../errors/app-error.js";
import type { Clock } from "../../ports/clock.js";
import { createFixedClock } from "../../testing/fixed-clock.js";
import {
  isEventStreamError,
  type ClosableEventBus,
  type EventBus,
  type EventScope,
  type EventStreamEndReason,
  type EventSubscription,
  type StoredEvent,
} from "../event-bus.js";
import { compareEventIds } from "../event-id.js";
import type { RetentionOptions } from "../retention.js";

export interface TestBusOptions {
  clock?: Clock;
  retention?: Partial<RetentionOptions>;
  maxBufferedEvents?: number;
}

export type CreateTestBus = (options?: TestBusOptions) => ClosableEventBus;

export function newScope(overrides: Partial<EventScope> = {}): EventScope {
  return { userId: randomUUID(), projectId: randomUUID(), sessionId: randomUUID(), ...overrides };
}

export function publishDelta(bus: EventBus, scope: EventScope, text: string): Promise<StoredEvent> {
  return bus.publish(scope, {
    type: "message-delta",
    payload: { messageId: "message-1", sessionId: scope.sessionId, agentId: "agent-1", text },
  });
}

/** Publishes `texts` in order; up to `batch` calls in flight at once (one connection keeps them ordered). */
export async function publishDeltas(bus: EventBus, scope: EventScope, texts: string[], batch = 1): Promise<StoredEvent[]> {
  const published: StoredEvent[] = [];
  for (let start = 0; start < texts.length; start += batch) {
    const chunk = texts.slice(start, start + batch);
    published.push(...(await Promise.all(chunk.map((text) => publishDelta(bus, scope, text)))));
  }
  return published;
}

export function range(from: number, to: number): string[] {
  return Array.from({ length: to - from }, (_, index) => String(from + index));
}

export function textsOf(events: StoredEvent[]): string[] {
  return events.map((event) => (event.type === "message-delta" ? event.payload.text : event.type));
}

/** The next `count` events, without closing the subscription; fails instead of hanging when fewer come. */
export async function take(subscription: EventSubscription, count: number, timeoutMilliseconds = 10_000): Promise<StoredEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const received: StoredEvent[] = [];
  const timer = setTimeout(() => subscription.close(), timeoutMilliseconds);
  try {
    while (received.length < count) {
      const result = await iterator.next();
      if (result.done) break;
      received.push(result.value);
    }
  } finally {
    clearTimeout(timer);
  }
  if (received.length < count) throw new Error(`expected ${count} events, received ${received.length}: ${textsOf(received).join(",")}`);
  return received;
}

/** Like `take`, through `batches()`; also returns how the events were grouped. */
export async function takeBatches(
  subscription: EventSubscription,
  count: number,
  timeoutMilliseconds = 10_000,
): Promise<{ events: StoredEvent[]; batchSizes: number[] }> {
  const iterator = subscription.batches()[Symbol.asyncIterator]();
  const events: StoredEvent[] = [];
  const batchSizes: number[] = [];
  const timer = setTimeout(() => subscription.close(), timeoutMilliseconds);
  try {
    while (events.length < count) {
      const result = await iterator.next();
      if (result.done) break;
      events.push(...result.value);
      batchSizes.push(result.value.length);
    }
  } finally {
    clearTimeout(timer);
  }
  return { events, batchSizes };
}

/** Like `take`, in push mode: `done` resolves once `deliver` has handed over `count` events; `ended` is what `deliver` returned. */
export function collectDelivered(
  subscription: EventSubscription,
  count: number,
  timeoutMilliseconds = 10_000,
): { done: Promise<StoredEvent[]>; ended: Promise<void> } {
  const events: StoredEvent[] = [];
  let complete: (events: StoredEvent[]) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  const done = new Promise<StoredEvent[]>((resolve, reject) => {
    complete = resolve;
    fail = reject;
  });
  const timer = setTimeout(() => fail(new Error(`expected ${count} events, received ${events.length}: ${textsOf(events).join(",")}`)), timeoutMilliseconds);
  const ended = subscription.deliver((batch) => {
    events.push(...batch);
    if (events.length >= count) {
      clearTimeout(timer);
      complete(events);
    }
    return true;
  });
  ended.catch((error: unknown) => {
    clearTimeout(timer);
    fail(error);
  });
  return { done, ended };
}

export async function readAll(bus: EventBus, scope: EventScope): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  for (;;) {
    const page = await bus.read(scope, { afterId: events.at(-1)?.id, limit: 1_000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

async function streamEndReason(promise: Promise<unknown>): Promise<EventStreamEndReason | "no error"> {
  try {
    await promise;
    return "no error";
  } catch (error) {
    if (isEventStreamError(error)) return error.reason;
    throw error;
  }
}

/** The behaviour every EventBus implementation must show; each implementation's test file runs it. */
export function describeEventBusContract(implementation: string, createTestBus: CreateTestBus): void {
  describe(`EventBus contract: ${implementation}`, () => {
    const buses: ClosableEventBus[] = [];
    function createBus(options?: TestBusOptions): ClosableEventBus {
      const bus = createTestBus(options);
      buses.push(bus);
      return bus;
    }
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
    });

    it("delivers live events in publish order with rising <ms>-<seq> ids", async () => {
      const bus = createBus();
      const scope = newScope();
      const subscription = await bus.subscribe(scope);
      const published = await publishDeltas(bus, scope, range(0, 100), 100);
      const received = await take(subscription, 100);

      expect(textsOf(received)).toEqual(range(0, 100));
      expect(received.map((event) => event.id)).toEqual(published.map((event) => event.id));
      for (const [index, event] of received.entries()) {
        expect(event.id).toMatch(/^\d+-\d+$/);
        if (index > 0) expect(compareEventIds(event.id, (received[index - 1] as StoredEvent).id)).toBeGreaterThan(0);
      }
    });

    it("stores events in the order publish is called, across turns, without waiting for earlier ones", async () => {
      const bus = createBus();
      const scope = newScope();
      const subscription = await bus.subscribe(scope);
      const published: Array<Promise<StoredEvent>> = [];
      for (const text of range(0, 30)) {
        published.push(publishDelta(bus, scope, text));
        // Every few events on a later turn of the event loop, while earlier ones are still on their way.
        if (Number(text) % 3 === 2) await new Promise((resolve) => setImmediate(resolve));
      }
      const stored = await Promise.all(published);

      expect(textsOf(await take(subscription, 30))).toEqual(range(0, 30));
      for (const [index, event] of stored.entries()) if (index > 0) expect(compareEventIds(event.id, stored[index - 1]!.id)).toBeGreaterThan(0);
    });

    it("keeps ids rising when the clock stands still or steps back", async () => {
      const clock = createFixedClock();
      const start = clock.now().getTime();
      const bus = createBus({ clock });
      const scope = newScope();
      const ids: string[] = [];
      for (let index = 0; index < 3; index += 1) ids.push((await publishDelta(bus, scope, "same millisecond")).id);
      clock.advance(-10_000);
      ids.push((await publishDelta(bus, scope, "clock stepped back")).id);
      clock.advance(10_005);
      const later = await publishDelta(bus, scope, "clock moved on");
      ids.push(later.id);

      expect(ids).toEqual([`${start}-0`, `${start}-1`, `${start}-2`, `${start}-3`, `${start + 5}-0`]);
      expect(later.publishedAt).toBe(new Date(start + 5).toISOString());
    });

    it("reads exactly the events after an id, page by page, without gap or duplicate", async () => {
      const bus = createBus();
      const scope = newScope();
      const published = await publishDeltas(bus, scope, range(0, 450), 50);

      const afterHundredth = await bus.read(scope, { afterId: published[99]?.id, limit: 1_000 });
      expect(textsOf(afterHundredth)).toEqual(range(100, 450));

      const paged: StoredEvent[] = [];
      for (;;) {
        const page = await bus.read(scope, { afterId: paged.at(-1)?.id, limit: 70 });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(70);
        paged.push(...page);
      }
      expect(textsOf(paged)).toEqual(range(0, 450));
      expect(await bus.read(scope, { afterId: published.at(-1)?.id })).toEqual([]);
    });

    it.each([0, 25, 49])(
      "replays after event %i and continues live, exactly once each, while events are being published",
      async (lastSeen) => {
        const bus = createBus();
        const scope = newScope();
        const earlier = await publishDeltas(bus, scope, range(0, 50));
        const publishing = publishDeltas(bus, scope, range(50, 300));
        const subscription = await bus.subscribe(scope, { afterId: earlier[lastSeen]?.id });
        const received = await take(subscription, 300 - lastSeen - 1);
        await publishing;

        expect(textsOf(received)).toEqual(range(lastSeen + 1, 300));
        subscription.close();
      },
    );

    it("hands over in batches the same exact sequence, replayed and live, while events are being published", async () => {
      const bus = createBus();
      const scope = newScope();
      const earlier = await publishDeltas(bus, scope, range(0, 250), 50);
      const publishing = publishDeltas(bus, scope, range(250, 400));
      const subscription = await bus.subscribe(scope, { afterId: earlier[9]?.id });
      const { events, batchSizes } = await takeBatches(subscription, 390);
      await publishing;

      expect(textsOf(events)).toEqual(range(10, 400));
      expect(batchSizes.length).toBeLessThan(events.length / 2);
      expect(batchSizes.every((size) => size > 0)).toBe(true);
    });

    it("pushes the same exact sequence, replayed and live, to a consumer in push mode while events are being published", async () => {
      const bus = createBus();
      const scope = newScope();
      const earlier = await publishDeltas(bus, scope, range(0, 250), 50);
      const publishing = publishDeltas(bus, scope, range(250, 400));
      const subscription = await bus.subscribe(scope, { afterId: earlier[9]?.id });
      const delivered = collectDelivered(subscription, 390);
      await publishing;

      expect(textsOf(await delivered.done)).toEqual(range(10, 400));
      subscription.close();
      await expect(delivered.ended).resolves.toBeUndefined();
    });

    it("holds events while a push-mode consumer is paused and hands them over in one write on resume", async () => {
      const bus = createBus();
      const scope = newScope();
      const subscription = await bus.subscribe(scope);
      const writes: string[][] = [];
      void subscription.deliver((batch) => {
        writes.push(textsOf(batch));
        return writes.length > 1;
      });
      await publishDeltas(bus, scope, range(0, 1));
      await vi.waitFor(() => expect(writes).toEqual([["0"]]));
      await publishDeltas(bus, scope, range(1, 6));
      expect(writes).toEqual([["0"]]);

      subscription.resume();
      expect(writes).toEqual([["0"], range(1, 6)]);
      await publishDeltas(bus, scope, range(6, 7));
      await vi.waitFor(() => expect(writes).toEqual([["0"], range(1, 6), ["6"]]));
      subscription.close();
    });

    it("ends a paused push-mode consumer as lagging once it falls more than its buffer behind", async () => {
      const bus = createBus({ maxBufferedEvents: 20 });
      const scope = newScope();
      const subscription = await bus.subscribe(scope);
      let written = 0;
      const ending = streamEndReason(
        subscription.deliver((batch) => {
          written += batch.length;
          return false;
        }),
      );
      await publishDeltas(bus, scope, range(0, 30));

      expect(await ending).toBe("lagging");
      expect(written).toBe(1);
    });

    it("ends push mode when the signal aborts, and as closed when the bus closes", async () => {
      const bus = createBus();
      const controller = new AbortController();
      const aborted = await bus.subscribe(newScope(), { signal: controller.signal });
      const abortedEnd = aborted.deliver(() => true);
      const open = await bus.subscribe(newScope());
      const closedEnding = streamEndReason(open.deliver(() => true));
      controller.abort();

      await expect(abortedEnd).resolves.toBeUndefined();
      await bus.close();
      expect(await closedEnding).toBe("closed");
    });

    it("puts every live event already waiting into one batch", async () => {
      const bus = createBus();
      const scope = newScope();
      const batched = await bus.subscribe(scope);
      const watcher = await bus.subscribe(scope);
      const watched = take(watcher, 10);
      await publishDeltas(bus, scope, range(0, 10));
      // Once the watcher has them, they wait in the batched subscriber's buffer too.
      await watched;

      const { events, batchSizes } = await takeBatches(batched, 10);
      expect(textsOf(events)).toEqual(range(0, 10));
      expect(batchSizes).toEqual([10]);
    });

    it("without afterId delivers every event published after subscribe resolved, and no earlier one", async () => {
      const bus = createBus();
      const scope = newScope();
      let publishedCount = 0;
      let reachedHundred: () => void = () => undefined;
      const hundredPublished = new Promise<void>((resolve) => (reachedHundred = resolve));
      const publishing = (async () => {
        for (const text of range(0, 300)) {
          await publishDelta(bus, scope, text);
          publishedCount += 1;
          if (publishedCount === 100) reachedHundred();
          // Yield to timers and I/O so subscribing overlaps publishing in the in-process bus too.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await hundredPublished;
      const subscription = await bus.subscribe(scope);
      const publishedBeforeSubscribed = publishedCount;
      const first = await take(subscription, 1);
      const firstIndex = Number(textsOf(first)[0]);
      const rest = await take(subscription, 300 - firstIndex - 1);
      await publishing;

      expect(publishedBeforeSubscribed).toBeLessThan(300);
      expect(firstIndex).toBeLessThanOrEqual(publishedBeforeSubscribed);
      expect(textsOf([...first, ...rest])).toEqual(range(firstIndex, 300));
    });

    it("gives a plan subscriber only that plan's events and another user nothing from the same session", async () => {
      const bus = createBus();
      const scope = newScope();
      const planScope = { ...scope, planId: "plan-a" };
      const foreignScope = { ...scope, userId: randomUUID() };
      const planSubscription = await bus.subscribe(planScope);
      const foreignSubscription = await bus.subscribe(foreignScope);

      await publishDelta(bus, scope, "chat");
      await bus.publish(planScope, { type: "plan-start", payload: { planId: "plan-a", status: "executing", startedAt: "2026-01-01T00:00:00.000Z" } });
      await bus.publish(
        { ...scope, planId: "plan-b" },
        { type: "plan-start", payload: { planId: "plan-b", status: "executing", startedAt: "2026-01-01T00:00:00.000Z" } },
      );
      await bus.publish(planScope, { type: "task-delta", payload: { planId: "plan-a", taskId: "research", text: "found" } });
      await publishDelta(bus, foreignScope, "foreign sentinel");

      const planEvents = await take(planSubscription, 2);
      expect(planEvents.map((event) => [event.type, event.planId])).toEqual([
        ["plan-start", "plan-a"],
        ["task-delta", "plan-a"],
      ]);
      expect(textsOf(await bus.read(planScope))).toEqual(["plan-start", "task-delta"]);
      expect(textsOf(await take(foreignSubscription, 1))).toEqual(["foreign sentinel"]);
      expect(textsOf(await bus.read(foreignScope))).toEqual(["foreign sentinel"]);
    });

    it("shares one frozen copy of each event with all subscribers, detached from the publisher's object", async () => {
      const bus = createBus();
      const scope = newScope();
      const first = await bus.subscribe(scope);
      const second = await bus.subscribe(scope);
      const payload = { messageId: "message-1", sessionId: scope.sessionId, agentId: "agent-1", text: "original" };
      await bus.publish(scope, { type: "message-delta", payload });
      payload.text = "changed after publishing";

      const [fromFirst] = await take(first, 1);
      const [fromSecond] = await take(second, 1);
      expect(fromFirst).toBe(fromSecond);
      expect(Object.isFrozen(fromFirst) && Object.isFrozen(fromFirst?.payload)).toBe(true);
      expect(textsOf(await bus.read(scope))).toEqual(["original"]);
    });

    it("keeps every event younger than 24 h beyond 1,000, then trims old ones down to the last 1,000", async () => {
      const clock = createFixedClock();
      const bus = createBus({ clock });
      const scope = newScope();
      const published = await publishDeltas(bus, scope, range(0, 1_005), 100);
      clock.advance(23 * 60 * 60 * 1000);
      published.push(await publishDelta(bus, scope, "1005"));
      expect((await readAll(bus, scope)).length).toBe(1_006);

      clock.advance(60 * 60 * 1000 + 1);
      published.push(await publishDelta(bus, scope, "1006"));
      const retained = await readAll(bus, scope);
      expect(textsOf(retained)).toEqual(range(7, 1_007));

      const resumed = await bus.subscribe(scope, { afterId: published[6]?.id });
      expect(textsOf(await take(resumed, 1))).toEqual(["7"]);
      resumed.close();
      expect(await streamEndReason(bus.subscribe(scope, { afterId: published[5]?.id }))).toBe("trimmed");
      expect(await streamEndReason(bus.read(scope, { afterId: published[5]?.id }))).toBe("trimmed");
    });

    it("reports a resume point in a session with no retained log as trimmed, and replays an empty one from the beginning", async () => {
      const bus = createBus();
      const scope = newScope();
      expect(await streamEndReason(bus.subscribe(scope, { afterId: "1767225600000-4" }))).toBe("trimmed");

      const fromBeginning = await bus.subscribe(scope, { afterId: "0-0" });
      await publishDelta(bus, scope, "first");
      expect(textsOf(await take(fromBeginning, 1))).toEqual(["first"]);
    });

    it("ends a subscriber that stops reading as lagging, without holding up publishers or other subscribers", async () => {
      const bus = createBus({ maxBufferedEvents: 50 });
      const scope = newScope();
      const slow = await bus.subscribe(scope);
      const fast = await bus.subscribe(scope);
      const fastReceived = take(fast, 205);
      await publishDeltas(bus, scope, range(0, 5));
      const slowReceived = await take(slow, 5);

      await publishDeltas(bus, scope, range(5, 205));
      expect(textsOf(await fastReceived)).toEqual(range(0, 205));
      expect(await streamEndReason(slow[Symbol.asyncIterator]().next())).toBe("lagging");
      expect(await slow[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });

      const resumed = await bus.subscribe(scope, { afterId: slowReceived.at(-1)?.id });
      expect(textsOf(await take(resumed, 200))).toEqual(range(5, 205));
    });

    it("replays a backlog larger than the live buffer without counting it as lag or losing what overflowed", async () => {
      const bus = createBus({ maxBufferedEvents: 50 });
      const scope = newScope();
      await publishDeltas(bus, scope, range(0, 500), 100);
      const replaying = await bus.subscribe(scope, { afterId: "0-0" });
      const live = await bus.subscribe(scope);
      const liveReceived = take(live, 100);
      await publishDeltas(bus, scope, range(500, 600));
      // Once the live reader has them, they have overflowed the replaying subscriber's buffer too.
      await liveReceived;

      expect(textsOf(await take(replaying, 600))).toEqual(range(0, 600));
    });

    it("ends a pending iteration when its signal aborts", async () => {
      const bus = createBus();
      const controller = new AbortController();
      const subscription = await bus.subscribe(newScope(), { signal: controller.signal });
      const pending = subscription[Symbol.asyncIterator]().next();
      controller.abort();

      expect(await pending).toEqual({ done: true, value: undefined });
      expect(bus.stats().subscriptions).toBe(0);
    });

    it("releases every listener: after 1,000 subscribe/unsubscribe cycles the bus is back at its baseline", async () => {
      const bus = createBus();
      const sessions = Array.from({ length: 10 }, () => newScope());
      const longLived = new AbortController();
      const baseline = bus.stats();

      for (let cycle = 0; cycle < 1_000; cycle += 1) {
        const scope = sessions[cycle % sessions.length] as EventScope;
        const mode = cycle % 4;
        if (mode === 0) {
          const subscription = await bus.subscribe(scope, { signal: longLived.signal });
          await publishDelta(bus, scope, String(cycle));
          for await (const event of subscription) {
            expect(textsOf([event])).toEqual([String(cycle)]);
            break;
          }
        } else if (mode === 1) {
          const controller = new AbortController();
          const subscription = await bus.subscribe(scope, { signal: controller.signal });
          const pending = subscription[Symbol.asyncIterator]().next();
          controller.abort();
          await pending;
        } else if (mode === 2) {
          const subscription = await bus.subscribe(scope, { afterId: "0-0", signal: longLived.signal });
          subscription.close();
        } else {
          const subscription = await bus.subscribe(scope, { signal: longLived.signal });
          await publishDelta(bus, scope, String(cycle));
          for await (const batch of subscription.batches()) {
            expect(textsOf(batch)).toEqual([String(cycle)]);
            break;
          }
        }
      }

      expect(baseline).toEqual({ subscriptions: 0, listeners: 0, watchedSessions: 0, pendingReads: 0 });
      await vi.waitFor(() => expect(bus.stats()).toEqual(baseline));
      expect(getEventListeners(longLived.signal, "abort")).toHaveLength(0);
    });

    it("counts a subscription once subscribe has resolved; one still attaching is not counted, and closing ends it", async () => {
      const bus = createBus();
      const opening = bus.subscribe(newScope());
      expect(bus.stats().subscriptions).toBe(0);
      const subscription = await opening;
      expect(bus.stats().subscriptions).toBe(1);
      subscription.close();
      expect(bus.stats().subscriptions).toBe(0);

      const interrupted = bus.subscribe(newScope());
      await bus.close();
      expect(await streamEndReason(interrupted)).toBe("closed");
      expect(bus.stats().subscriptions).toBe(0);
    });

    it("closing the bus ends every subscription as closed and refuses new work", async () => {
      const bus = createBus();
      const scope = newScope();
      const subscription = await bus.subscribe(scope);
      const ending = streamEndReason(subscription[Symbol.asyncIterator]().next());
      await bus.close();

      expect(await ending).toBe("closed");
      expect(await streamEndReason(publishDelta(bus, scope, "late"))).toBe("closed");
      expect(await streamEndReason(bus.subscribe(scope))).toBe("closed");
    });

    it("rejects a malformed resume id as a validation error", async () => {
      const bus = createBus();
      const error: unknown = await bus.subscribe(newScope(), { afterId: "last-one" }).catch((caught: unknown) => caught);

      expect(isAppError(error) && error.code).toBe("VALIDATION_FAILED");
    });
  });
}
