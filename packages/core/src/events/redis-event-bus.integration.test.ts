import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { deleteKeysWithPrefix } from "../testing/delete-keys-with-prefix.js";
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

/** Each bus gets its own connection, as two server processes would, set up as the server sets up its own. */
function createTestBus(options: TestBusOptions = {}, errors = readerErrors): ClosableEventBus {
  const redis = new Redis(redisUrl, { enableAutoPipelining: true });
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
  await deleteKeysWithPrefix(admin, keyPrefix);
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

  it("keeps delivering another instance's events, without loss, after its wake-up connection is killed", async () => {
    const errors: Error[] = [];
    const subscriber = createTestBus({}, errors);
    buses.push(subscriber);
    const publisher = createBus();
    const scope = newScope();
    const subscription = await subscriber.subscribe(scope);
    await publishDelta(publisher, scope, "0");
    expect(textsOf(await take(subscription, 1))).toEqual(["0"]);

    // Only the subscribing instance has a wake-up connection: the publisher watches nothing.
    const readerIds = await readerConnectionIds();
    expect(readerIds).toHaveLength(1);
    await admin.client("KILL", "ID", readerIds[0] ?? "");
    const received = take(subscription, 50, 20_000);
    // Published while the connection is down, so their wake-ups are lost: the log is read on reconnecting.
    await publishDeltas(publisher, scope, range(1, 51));

    expect(textsOf(await received)).toEqual(range(1, 51));
  });

  it("keeps each session under the key prefix with the idle expiry, and drops its watcher registrations and reader on close", async () => {
    const bus = createTestBus();
    const first = newScope();
    const second = newScope();
    const firstSubscription = await bus.subscribe(first);
    const secondSubscription = await bus.subscribe(second);
    await publishDelta(bus, second, "0");
    await take(secondSubscription, 1);
    const watcherKeys = async () => (await keysUnderPrefix()).filter((key) => key.includes(":events:watchers:"));

    const ttl = await admin.pttl(`${keyPrefix}events:session:${second.sessionId}`);
    expect(ttl).toBeGreaterThan(defaultRetention.idleExpiryMilliseconds - 60_000);
    expect(ttl).toBeLessThanOrEqual(defaultRetention.idleExpiryMilliseconds);
    expect((await watcherKeys()).sort()).toEqual(
      [`${keyPrefix}events:watchers:${first.sessionId}`, `${keyPrefix}events:watchers:${second.sessionId}`].sort(),
    );
    expect(await admin.zcard(`${keyPrefix}events:watchers:${first.sessionId}`)).toBe(1);

    firstSubscription.close();
    await vi.waitFor(async () => expect(await watcherKeys()).toEqual([`${keyPrefix}events:watchers:${second.sessionId}`]));
    await bus.close();
    expect(await watcherKeys()).toEqual([]);
    await vi.waitFor(async () => expect(await readerConnections()).toBe(0));
  });

  it("delivers the exact log order on every instance while several instances append to one session at once", async () => {
    const instances = [createBus(), createBus(), createBus()];
    const scope = newScope();
    const subscriptions = await Promise.all(instances.map((bus) => bus.subscribe(scope)));
    const perInstance = 100;
    const received = subscriptions.map((subscription) => take(subscription, perInstance * instances.length));
    await Promise.all(
      instances.map((bus, index) => publishDeltas(bus, scope, range(0, perInstance).map((text) => `${index}:${text}`), 10)),
    );

    const log = textsOf(await (instances[0] as ClosableEventBus).read(scope, { limit: 1_000 }));
    expect(log).toHaveLength(perInstance * instances.length);
    for (const events of await Promise.all(received)) expect(textsOf(events)).toEqual(log);
  });

  it("keeps waking an instance whose last subscriber to a session leaves as the next one arrives", async () => {
    const publisher = createBus();
    const watcher = createBus();
    const scope = newScope();
    for (let cycle = 0; cycle < 5; cycle += 1) {
      const leaving = await watcher.subscribe(scope);
      leaving.close();
      const arriving = await watcher.subscribe(scope);
      await publishDelta(publisher, scope, String(cycle));
      expect(textsOf(await take(arriving, 1, 3_000))).toEqual([String(cycle)]);
      arriving.close();
    }
  });

  it("appends the events of one turn together, failing only those that cannot be stored", async () => {
    const bus = createBus();
    const broken = newScope();
    const healthy = newScope();
    await admin.set(`${keyPrefix}events:session:${broken.sessionId}`, "not a stream");
    const subscription = await bus.subscribe(healthy);

    const [before, failed, after] = await Promise.allSettled([
      publishDelta(bus, healthy, "before"),
      publishDelta(bus, broken, "lost"),
      publishDelta(bus, healthy, "after"),
    ]);
    expect(failed.status).toBe("rejected");
    expect([before.status, after.status]).toEqual(["fulfilled", "fulfilled"]);
    expect(textsOf(await take(subscription, 2))).toEqual(["before", "after"]);
  });

  it("wakes only instances that watch the session, and stops waking one once its subscribers are gone", async () => {
    const publisher = createBus();
    const watcher = createBus();
    const scope = newScope();
    const watchersKey = `${keyPrefix}events:watchers:${scope.sessionId}`;
    await publishDelta(publisher, scope, "nobody watches");
    expect(await admin.exists(watchersKey)).toBe(0);

    const subscription = await watcher.subscribe(scope);
    expect(await admin.zcard(watchersKey)).toBe(1);
    await publishDelta(publisher, scope, "watched");
    expect(textsOf(await take(subscription, 1))).toEqual(["watched"]);

    subscription.close();
    await vi.waitFor(async () => expect(await admin.exists(watchersKey)).toBe(0));
  });
});
