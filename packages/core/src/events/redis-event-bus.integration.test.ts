import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import type { ClosableEventBus } from "./event-bus.js";
import { createRedisEventBus } from "./redis-event-bus.js";
import { defaultRetention } from "./retention.js";
import {
  describeEventBusContract,
  newScope,
  publishDelta,
  publishDeltas,
  range,
  take,
  textsOf,
  type TestBusOptions,
} from "./testing/event-bus-contract.js";

const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const keyPrefix = `codelab-test:${randomUUID()}:`;
const readerName = `${keyPrefix}event-reader`;
const admin = new Redis(redisUrl);
const readerErrors: Error[] = [];

/** Each bus gets its own connection, as two server processes would. */
function createTestBus(options: TestBusOptions = {}, errors = readerErrors): ClosableEventBus {
  const redis = new Redis(redisUrl);
  const bus = createRedisEventBus({ redis, keyPrefix, onError: (error) => errors.push(error), ...options });
  let closing: Promise<void> | undefined;
  return {
    ...bus,
    close: () => (closing ??= bus.close().then(() => redis.quit().then(() => undefined))),
  };
}

async function readerConnectionIds(): Promise<string[]> {
  const clients = (await admin.client("LIST")) as string;
  return clients
    .split("\n")
    .filter((line) => line.includes(` name=${readerName} `))
    .map((line) => /^id=(\d+) /.exec(line)?.[1] ?? "");
}

async function readerConnections(): Promise<number> {
  return (await readerConnectionIds()).length;
}

async function keysUnderPrefix(): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await admin.scan(cursor, "MATCH", `${keyPrefix}*`, "COUNT", 1_000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== "0");
  return keys;
}

afterEach(() => {
  expect(readerErrors).toEqual([]);
});

afterAll(async () => {
  const keys = await keysUnderPrefix();
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describeEventBusContract("Redis Streams", (options) => createTestBus(options));

describe("createRedisEventBus", () => {
  const buses: ClosableEventBus[] = [];
  function createBus(options?: TestBusOptions): ClosableEventBus {
    const bus = createTestBus(options);
    buses.push(bus);
    return bus;
  }
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it("delivers, in order, events published through another instance's connection", async () => {
    const serverA = createBus();
    const serverB = createBus();
    const scope = newScope();
    const subscription = await serverB.subscribe(scope);
    const received = take(subscription, 300);
    await publishDeltas(serverA, scope, range(0, 300), 30);

    expect(textsOf(await received)).toEqual(range(0, 300));
  });

  it("lets a subscriber cut off by one instance's shutdown resume on another with nothing lost or repeated", async () => {
    const serverA = createBus();
    const serverB = createBus();
    const scope = newScope();
    const onA = await serverA.subscribe(scope);
    const publishing = (async () => {
      for (const text of range(0, 200)) await publishDelta(serverB, scope, text);
    })();
    const seenOnA = await take(onA, 80);
    await serverA.close();
    const onB = await serverB.subscribe(scope, { afterId: seenOnA.at(-1)?.id });
    const seenOnB = await take(onB, 120);
    await publishing;

    expect(textsOf([...seenOnA, ...seenOnB])).toEqual(range(0, 200));
  });

  it("serves many sessions' subscribers through a single reader connection", async () => {
    const bus = createBus();
    const scopes = Array.from({ length: 50 }, () => newScope());
    const subscriptions = await Promise.all(scopes.map((scope) => bus.subscribe(scope)));
    const received = subscriptions.map((subscription) => take(subscription, 3));
    for (const text of range(0, 3)) {
      await Promise.all(scopes.map((scope, index) => publishDelta(bus, scope, `${index}:${text}`)));
    }

    for (const [index, events] of (await Promise.all(received)).entries()) {
      expect(textsOf(events)).toEqual([`${index}:0`, `${index}:1`, `${index}:2`]);
    }
    await vi.waitFor(async () => expect(await readerConnections()).toBe(1));
    expect(bus.stats()).toMatchObject({ subscriptions: 50, watchedSessions: 50 });
  });

  it("after 1,000 subscribe/unsubscribe cycles holds no more than its one reader connection and no pending read", async () => {
    const bus = createBus();
    const scope = newScope();
    for (let cycle = 0; cycle < 1_000; cycle += 1) {
      const subscription = await bus.subscribe(scope);
      subscription.close();
    }

    await vi.waitFor(() => expect(bus.stats()).toEqual({ subscriptions: 0, listeners: 0, watchedSessions: 0, pendingReads: 0 }));
    expect(await readerConnections()).toBeLessThanOrEqual(1);
  });

  it("keeps delivering, without loss, after its reader connection is killed", async () => {
    const errors: Error[] = [];
    const bus = createTestBus({}, errors);
    buses.push(bus);
    const scope = newScope();
    const subscription = await bus.subscribe(scope);
    await publishDelta(bus, scope, "0");
    expect(textsOf(await take(subscription, 1))).toEqual(["0"]);

    const [readerId] = await readerConnectionIds();
    await admin.client("KILL", "ID", readerId ?? "");
    const received = take(subscription, 50, 20_000);
    await publishDeltas(bus, scope, range(1, 51));

    expect(textsOf(await received)).toEqual(range(1, 51));
  });

  it("keeps each session under the key prefix with the idle expiry, and removes its wake-up key and reader on close", async () => {
    const bus = createTestBus();
    const first = newScope();
    const second = newScope();
    const firstSubscription = await bus.subscribe(first);
    // A second session joining a running reader interrupts its blocking read through the wake-up stream.
    const secondSubscription = await bus.subscribe(second);
    await publishDelta(bus, second, "0");
    await take(secondSubscription, 1);
    const wakeKeys = async () => (await keysUnderPrefix()).filter((key) => key.includes(":events:wake:"));

    const ttl = await admin.pttl(`${keyPrefix}events:session:${second.sessionId}`);
    expect(ttl).toBeGreaterThan(defaultRetention.idleExpiryMilliseconds - 60_000);
    expect(ttl).toBeLessThanOrEqual(defaultRetention.idleExpiryMilliseconds);
    expect(await wakeKeys()).toHaveLength(1);

    firstSubscription.close();
    await bus.close();
    expect(await wakeKeys()).toHaveLength(0);
    await vi.waitFor(async () => expect(await readerConnections()).toBe(0));
  });
});
