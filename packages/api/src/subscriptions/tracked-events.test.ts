import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterEach, describe, expect, it } from "vitest";
import { createMemoryEventBus, isAppError, type ClosableEventBus, type EventScope, type StoredEvent } from "@codelab/core";
import { createEventStreamPolicy, type EventStreamSettings } from "./event-stream-policy.js";
import { trackedEvents } from "./tracked-events.js";

const buses: ClosableEventBus[] = [];
afterEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
});

function setUp({ bus = createMemoryEventBus(), ...settings }: Partial<EventStreamSettings> & { bus?: ClosableEventBus } = {}) {
  buses.push(bus);
  const streams = createEventStreamPolicy(settings);
  const scope: EventScope = { userId: randomUUID(), projectId: randomUUID(), sessionId: randomUUID() };
  const publish = async (count: number) => {
    const published: StoredEvent[] = [];
    for (let index = 0; index < count; index++) {
      published.push(
        await bus.publish(scope, {
          type: "message-delta",
          payload: { messageId: "message-1", sessionId: scope.sessionId, agentId: "agent-1", text: String(index) },
        }),
      );
    }
    return published;
  };
  return { bus, streams, scope, publish, deps: { events: bus, streams } };
}

type Tracked = [id: string, event: StoredEvent];

async function take(iterator: AsyncIterator<unknown>, count: number): Promise<Tracked[]> {
  const taken: Tracked[] = [];
  while (taken.length < count) {
    const result = await iterator.next();
    if (result.done) break;
    const [id, event] = result.value as Tracked;
    taken.push([id, event]);
  }
  return taken;
}

async function failureOf(iterator: AsyncIterator<unknown>): Promise<unknown> {
  try {
    for (;;) if ((await iterator.next()).done) return undefined;
  } catch (error) {
    return error;
  }
}

describe("trackedEvents", () => {
  it("replays after lastEventId, then goes live, each event tracked by its own id", async () => {
    const { scope, publish, deps } = setUp();
    const earlier = await publish(5);
    const iterator = trackedEvents(deps, { scope, lastEventId: earlier[1]?.id, signal: undefined });
    const replayed = await take(iterator, 3);
    const later = await publish(2);
    const live = await take(iterator, 2);
    await iterator.return(undefined);

    const expected = [...earlier.slice(2), ...later];
    expect([...replayed, ...live]).toEqual(expected.map((event) => [event.id, event]));
  });

  it("hands a consumer slower than the publisher every event, in order, once each", async () => {
    const { scope, publish, deps } = setUp();
    const iterator = trackedEvents(deps, { scope, lastEventId: undefined, signal: undefined });
    const first = iterator.next();
    const published = await publish(1);
    await first;
    published.push(...(await publish(50)));
    const rest = await take(iterator, 50);
    published.push(...(await publish(5)));
    const later = await take(iterator, 5);
    await iterator.return();

    expect([...rest, ...later]).toEqual(published.slice(1).map((event) => [event.id, event]));
  });

  it("holds a place under the user's limit until the client leaves", async () => {
    const { bus, scope, publish, streams, deps } = setUp({ maxStreamsPerUser: 1 });
    const client = new AbortController();
    const first = trackedEvents(deps, { scope, lastEventId: undefined, signal: client.signal });
    const pending = first.next();
    await publish(1);
    await pending;

    const second = trackedEvents(deps, { scope, lastEventId: undefined, signal: undefined });
    const refused = await failureOf(second);
    expect(isAppError(refused) && refused.code).toBe("RATE_LIMITED");

    const waiting = first.next();
    client.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(streams.limiter.openStreams()).toBe(0);
    expect(bus.stats()).toMatchObject({ subscriptions: 0, listeners: 0 });
  });

  it("releases everything when the consumer stops iterating", async () => {
    const { bus, scope, publish, streams, deps } = setUp();
    const iterator = trackedEvents(deps, { scope, lastEventId: undefined, signal: undefined });
    const pending = iterator.next();
    await publish(1);
    await pending;
    await iterator.return(undefined);

    expect(streams.limiter.openStreams()).toBe(0);
    expect(bus.stats()).toMatchObject({ subscriptions: 0, listeners: 0 });
  });

  it("ends with a signal tRPC treats as an abort (the client reconnects) at the maximum duration", async () => {
    const { bus, scope, streams, deps } = setUp({ maxDurationMilliseconds: 30 });
    const failure = await failureOf(trackedEvents(deps, { scope, lastEventId: undefined, signal: undefined }));

    expect(failure).toMatchObject({ name: "AbortError" });
    expect(streams.limiter.openStreams()).toBe(0);
    expect(bus.stats().subscriptions).toBe(0);
  });

  it("ends a lagging subscriber, and one whose bus closes, so that it reconnects and resumes", async () => {
    const lagging = setUp({ bus: createMemoryEventBus({ maxBufferedEvents: 3 }) });
    const iterator = trackedEvents(lagging.deps, { scope: lagging.scope, lastEventId: undefined, signal: undefined });
    const first = iterator.next();
    await lagging.publish(1);
    await first;
    await lagging.publish(10);
    expect(await failureOf(iterator)).toMatchObject({ name: "AbortError" });

    const closing = setUp();
    const closingIterator = trackedEvents(closing.deps, { scope: closing.scope, lastEventId: undefined, signal: undefined });
    const waiting = closingIterator.next();
    await closing.publish(1);
    await waiting;
    const ended = failureOf(closingIterator);
    await closing.bus.close();
    expect(await ended).toMatchObject({ name: "AbortError" });
  });

  it("tells the client to reload (PRECONDITION_FAILED) when events after its resume point are gone", async () => {
    // Each reading of this clock is a millisecond later, so every event is older than the next and may be trimmed.
    let tick = Date.now();
    const clock = { now: () => new Date(tick++) };
    const bus = createMemoryEventBus({ clock, retention: { minEvents: 2, minAgeMilliseconds: 0 } });
    const { scope, publish, deps } = setUp({ bus });
    const published = await publish(10);
    const failure = await failureOf(trackedEvents(deps, { scope, lastEventId: published[0]?.id, signal: undefined }));

    expect(failure).toBeInstanceOf(TRPCError);
    expect((failure as TRPCError).code).toBe("PRECONDITION_FAILED");
  });
});
