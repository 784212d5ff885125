import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient } from "@codelab/sdk";
import { deleteRedisKeys, openTestEventStream, startTestServer, testRedisUrl, trackedEventSourceClass, type TestServer } from "../testing/index.js";
import {
  addStreamUser,
  deltaTexts,
  deltaTextsOf,
  publishSpaced,
  subscribeChatEvents,
  subscribedAlone,
  texts,
  until,
  type StreamUser,
} from "./stream-fixture.js";

const maxDurationMilliseconds = 1_000;
const heartbeatMilliseconds = 300;

const redisKeyPrefix = `codelab-test:${randomBytes(6).toString("hex")}:`;

let server: TestServer;
let alice: StreamUser;

beforeAll(async () => {
  server = await startTestServer({
    env: {
      EVENT_STREAM_MAX_DURATION_MS: String(maxDurationMilliseconds),
      EVENT_STREAM_HEARTBEAT_MS: String(heartbeatMilliseconds),
      EVENT_STREAMS_PER_USER: "50",
      REDIS_KEY_PREFIX: redisKeyPrefix,
    },
  });
  alice = await addStreamUser(server);
});

afterAll(async () => {
  await server.close();
  await deleteRedisKeys(testRedisUrl, redisKeyPrefix);
});

const headers = () => ({ authorization: `Bearer ${alice.token}` });

describe("a stream's maximum duration", () => {
  it("ends a REST stream, which the client resumes from its last event", async () => {
    const sessionId = await alice.createSession();
    const first = await openTestEventStream(`${server.url}${alice.eventsPath(sessionId)}`, { headers: headers() });
    await alice.publish(sessionId, texts(0, 2));
    const started = Date.now();
    await first.ended;
    expect(Date.now() - started).toBeLessThan(maxDurationMilliseconds * 3);

    await alice.publish(sessionId, texts(2, 4));
    const resumed = await openTestEventStream(`${server.url}${alice.eventsPath(sessionId)}`, {
      headers: { ...headers(), "last-event-id": first.events().at(-1)?.id ?? "" },
    });
    await resumed.waitFor((frames) => frames.filter((frame) => frame.id).length === 2);
    await resumed.close();
    expect([...deltaTexts(first.frames), ...deltaTexts(resumed.frames)]).toEqual(texts(0, 4));
  });

  it("ends a tRPC subscription, which the client resumes by itself with nothing lost or repeated", async () => {
    const sessionId = await alice.createSession();
    const { EventSource, sources } = trackedEventSourceClass();
    const client = createCodelabClient({ url: server.url, token: alice.token, EventSource });
    const subscription = await subscribedAlone(server, () => subscribeChatEvents(client, { projectId: alice.projectId, sessionId }));
    await publishSpaced(alice, sessionId, texts(0, 30), (maxDurationMilliseconds * 2.5) / 30);
    await subscription.waitForEvents(30);
    subscription.unsubscribe();

    expect(deltaTextsOf(subscription.events)).toEqual(texts(0, 30));
    expect(subscription.errors).toEqual([]);
    expect([...sources][0]?.connections.length).toBeGreaterThanOrEqual(3);
  });
});

describe("disconnects", () => {
  it("release every listener, subscription, stream place and Redis connection after 1,000 connect/disconnect cycles", async () => {
    const sessionId = await alice.createSession();
    await alice.publish(sessionId, texts(0, 1));
    // Resuming from the very beginning replays that one event, so each cycle has surely subscribed before it hangs up.
    const fromTheStart = "0-0";
    const path = `${server.url}${alice.eventsPath(sessionId)}`;
    const redisConnections = async () =>
      String(await server.backends.redis?.client("LIST"))
        .split("\n")
        .filter((line) => line.includes(`name=${redisKeyPrefix}`)).length;
    const baseline = { stats: server.events.stats(), redisConnections: await redisConnections() };
    const { EventSource } = trackedEventSourceClass();
    const client = createCodelabClient({ url: server.url, token: alice.token, EventSource });

    async function restCycle(): Promise<void> {
      const stream = await openTestEventStream(path, { headers: { ...headers(), "last-event-id": fromTheStart } });
      await stream.waitFor((frames) => frames.some((frame) => frame.id));
      await stream.close();
    }
    async function trpcCycle(): Promise<void> {
      const subscription = subscribeChatEvents(client, { projectId: alice.projectId, sessionId, lastEventId: fromTheStart });
      await subscription.waitForEvents(1);
      subscription.unsubscribe();
    }
    const cycles = Array.from({ length: 1_000 }, (_, index) => (index % 2 === 0 ? restCycle : trpcCycle));
    for (let start = 0; start < cycles.length; start += 25) await Promise.all(cycles.slice(start, start + 25).map((cycle) => cycle()));

    await until(() => server.deps.streams.limiter.openStreams() === 0 && server.events.stats().subscriptions === 0);
    expect(server.events.stats()).toEqual(baseline.stats);
    expect(baseline.redisConnections).toBeGreaterThan(0);
    expect(await redisConnections()).toBe(baseline.redisConnections);
  }, 120_000);
});
