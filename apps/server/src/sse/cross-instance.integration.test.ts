import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { createCodelabClient } from "@codelab/sdk";
import {
  createRestClient,
  deleteRedisKeys,
  openTestEventStream,
  signUp,
  spawnServerProcess,
  testRedisUrl,
  TestEventSource,
  type RestClient,
  type RestProject,
  type RestSession,
  type ServerProcess,
  type SseFrame,
} from "../testing/index.js";
import { deltaTexts, eventsPath, subscribeChatEvents } from "./stream-fixture.js";

// Two real server processes on different ports, sharing PostgreSQL, Redis and the JWT secret,
// as two instances behind a load balancer would. No OPENAI_* variables: both answer with the offline model.
let database: TestDatabase;
let instanceA: ServerProcess;
let instanceB: ServerProcess;
let token: string;
let projectId: string;
let restOnB: RestClient;
const redisKeyPrefix = `codelab-test:${randomBytes(6).toString("hex")}:`;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.$disconnect();
  const env = {
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: database.connectionString,
    REDIS_URL: testRedisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    JWT_SECRET_KEY: randomBytes(32).toString("hex"),
    WEB_DIST_DIR: "/nonexistent",
  };
  [instanceA, instanceB] = await Promise.all([spawnServerProcess(env), spawnServerProcess(env)]);
  ({ token } = await signUp(instanceA.url));
  restOnB = createRestClient(instanceB.url, token);
  const project = await restOnB.post<RestProject>("/my/projects/", { name: "Two instances" });
  projectId = project.body.id;
}, 120_000);

afterAll(async () => {
  await Promise.all([instanceA.stop(), instanceB.stop()]);
  await deleteRedisKeys(testRedisUrl, redisKeyPrefix);
  await database.drop();
});

async function createSession(): Promise<string> {
  return (await restOnB.post<RestSession>(`/my/projects/${projectId}/chat/sessions/`, { topic: "Failover" })).body.id;
}

const sendOnB = (sessionId: string) =>
  restOnB.post<{ content: string }>(`/my/projects/${projectId}/chat/${sessionId}/message/`, {
    content: "Describe failover",
    target_agent: "CodeAssistant",
  });

const streamUrl = (instance: ServerProcess, sessionId: string) => `${instance.url}${eventsPath(projectId, sessionId)}`;
const bearer = () => ({ authorization: `Bearer ${token}` });
const fromTheStart = "0-0";
const hasEnded = (frames: SseFrame[]) => frames.some((frame) => frame.event === "message-end");

/** Everything the session's log holds, read from the start on `instance`. */
async function wholeLog(instance: ServerProcess, sessionId: string): Promise<SseFrame[]> {
  const stream = await openTestEventStream(streamUrl(instance, sessionId), { headers: { ...bearer(), "last-event-id": fromTheStart } });
  await stream.waitFor(hasEnded);
  await stream.close();
  return stream.events();
}

describe("two server instances", () => {
  it("deliver to subscribers on A, in order, the events of a message answered on B", async () => {
    const sessionId = await createSession();
    const restOnA = await openTestEventStream(streamUrl(instanceA, sessionId), { headers: bearer() });
    // From the start of the log, so it cannot miss what is published while it connects.
    const trpcOnA = subscribeChatEvents(createCodelabClient({ url: instanceA.url, token, EventSource: TestEventSource }), {
      projectId,
      sessionId,
      lastEventId: fromTheStart,
    });

    const reply = await sendOnB(sessionId);
    await restOnA.waitFor(hasEnded);
    const log = await wholeLog(instanceB, sessionId);
    await trpcOnA.waitForEvents(log.length);
    await restOnA.close();
    trpcOnA.unsubscribe();

    expect(reply.status).toBe(200);
    expect(restOnA.events().map((frame) => frame.id)).toEqual(log.map((frame) => frame.id));
    expect(trpcOnA.events.map((event) => event.id)).toEqual(log.map((frame) => frame.id));
    expect(log.map((frame) => frame.event)).toEqual(["message-start", ...log.slice(1, -1).map(() => "message-delta"), "message-end"]);
    expect(deltaTexts(restOnA.frames).join("")).toBe(reply.body.content);
  });

  it("let a client whose instance dies mid-stream resume on the other with nothing lost or repeated", async () => {
    const sessionId = await createSession();
    const onA = await openTestEventStream(streamUrl(instanceA, sessionId), { headers: bearer() });
    const answering = sendOnB(sessionId);
    await onA.waitFor((frames) => frames.filter((frame) => frame.event === "message-delta").length >= 3);
    await instanceA.stop("SIGKILL");
    await onA.ended;
    const seenOnA = onA.events();

    const onB = await openTestEventStream(streamUrl(instanceB, sessionId), {
      headers: { ...bearer(), "last-event-id": seenOnA.at(-1)?.id ?? "" },
    });
    await onB.waitFor(hasEnded);
    await onB.close();
    const reply = await answering;
    const log = await wholeLog(instanceB, sessionId);

    expect(hasEnded(seenOnA)).toBe(false);
    expect([...seenOnA, ...onB.events()].map((frame) => frame.id)).toEqual(log.map((frame) => frame.id));
    expect(deltaTexts([...seenOnA, ...onB.frames]).join("")).toBe(reply.body.content);
  });
});
