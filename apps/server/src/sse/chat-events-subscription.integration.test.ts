import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient } from "@codelab/sdk";
import {
  openTestEventStream,
  startTestServer,
  trackedEventSourceClass,
  type RestError,
  type SseFrame,
  type TestServer,
} from "../testing/index.js";
import {
  addStreamUser,
  collectEvents,
  deltaTextsOf,
  publishSpaced,
  subscribeChatEvents,
  subscribedAlone,
  texts,
  until,
  type StreamUser,
} from "./stream-fixture.js";

const maxStreamsPerUser = 3;

let server: TestServer;
let alice: StreamUser;
let bob: StreamUser;

beforeAll(async () => {
  server = await startTestServer({ env: { EVENT_STREAMS_PER_USER: String(maxStreamsPerUser) } });
  [alice, bob] = await Promise.all([addStreamUser(server), addStreamUser(server)]);
});

afterAll(() => server.close());

/** An SDK client whose EventSources the test can reach (to cut their connections). */
function clientOf(user: StreamUser) {
  const { EventSource, sources } = trackedEventSourceClass();
  return { client: createCodelabClient({ url: server.url, token: user.token, EventSource }), sources };
}

describe("chat.events", () => {
  it("delivers the session's events in order, each tracked by its event id", async () => {
    const sessionId = await alice.createSession();
    const subscription = await subscribedAlone(server, () => subscribeChatEvents(clientOf(alice).client, { projectId: alice.projectId, sessionId }));
    const published = await alice.publish(sessionId, texts(0, 20));
    await subscription.waitForEvents(20);
    subscription.unsubscribe();

    expect(subscription.events.map((event) => event.id)).toEqual(published.map((event) => event.id));
    expect(subscription.events.map((event) => event.data)).toEqual(published);
  });

  it("replays the events after lastEventId, then continues live", async () => {
    const sessionId = await alice.createSession();
    const published = await alice.publish(sessionId, texts(0, 10));
    const subscription = subscribeChatEvents(clientOf(alice).client, {
      projectId: alice.projectId,
      sessionId,
      lastEventId: published[4]?.id,
    });
    await subscription.waitForEvents(5);
    await alice.publish(sessionId, texts(10, 12));
    await subscription.waitForEvents(7);
    subscription.unsubscribe();

    expect(deltaTextsOf(subscription.events)).toEqual([...texts(5, 10), ...texts(10, 12)]);
  });

  it("reconnects by itself after a dropped connection, with nothing lost and nothing repeated", async () => {
    const sessionId = await alice.createSession();
    const { client, sources } = clientOf(alice);
    const subscription = await subscribedAlone(server, () => subscribeChatEvents(client, { projectId: alice.projectId, sessionId }));
    const [source] = sources;
    const publishing = publishSpaced(alice, sessionId, texts(0, 60), 10);
    for (const [after, connections] of [
      [10, 2],
      [30, 3],
    ] as const) {
      await subscription.waitForEvents(after);
      source?.dropConnection();
      await until(() => source?.connections.length === connections);
    }
    await publishing;
    await subscription.waitForEvents(60);
    subscription.unsubscribe();

    expect(deltaTextsOf(subscription.events)).toEqual(texts(0, 60));
    expect(source?.connections.slice(1).every((connection) => connection.lastEventId !== "")).toBe(true);
  });

  it("refuses a resume point that is not an event id", async () => {
    const sessionId = await alice.createSession();
    const subscription = subscribeChatEvents(clientOf(alice).client, { projectId: alice.projectId, sessionId, lastEventId: "latest" });
    expect((await subscription.failed).data).toMatchObject({ code: "BAD_REQUEST", appCode: "VALIDATION_FAILED" });
    subscription.unsubscribe();
  });
});

describe("the tRPC event stream", () => {
  /** The frames of one subscription request, read raw; `accept` picks our stream writer or tRPC's own handler. */
  async function framesOf(user: StreamUser, input: Record<string, string>, accept: string, until: (frames: SseFrame[]) => boolean) {
    const url = `${server.url}/trpc/chat.events?input=${encodeURIComponent(JSON.stringify(input))}`;
    const stream = await openTestEventStream(url, { headers: { authorization: `Bearer ${user.token}`, accept } });
    await stream.waitFor(until);
    await stream.close();
    return stream.frames.filter((frame) => frame.event !== "ping").map(({ id, event, data }) => ({ id, event, data }));
  }

  it("speaks tRPC's own protocol: the same frames as tRPC's handler, for events and for errors", async () => {
    const sessionId = await alice.createSession();
    await alice.publish(sessionId, texts(0, 3));
    const replay = { projectId: alice.projectId, sessionId, lastEventId: "0-0" };
    const threeEvents = (frames: SseFrame[]) => frames.filter((frame) => frame.id).length === 3;
    const foreign = { projectId: bob.projectId, sessionId };
    const failed = (frames: SseFrame[]) => frames.some((frame) => frame.event === "serialized-error");

    const ours = await framesOf(alice, replay, "text/event-stream", threeEvents);
    expect(ours).toEqual(await framesOf(alice, replay, "*/*", threeEvents));
    expect(ours.map((frame) => frame.event)).toEqual(["connected", undefined, undefined, undefined]);
    const refusal = await framesOf(bob, foreign, "text/event-stream", failed);
    expect(refusal).toEqual(await framesOf(bob, foreign, "*/*", failed));
    expect(JSON.parse(refusal.at(-1)?.data ?? "{}")).toMatchObject({ data: { appCode: "SESSION_NOT_FOUND", path: "chat.events" } });
  });
});

describe("malformed subscription input", () => {
  it("is refused with VALIDATION_FAILED naming the fields, before any event", async () => {
    const sessionId = await alice.createSession();
    const refusedFields = async (procedure: string, input: unknown) => {
      const url = `${server.url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
      const stream = await openTestEventStream(url, { headers: { authorization: `Bearer ${alice.token}` } });
      await stream.waitFor((frames) => frames.some((frame) => frame.event === "serialized-error"));
      await stream.close();
      expect(stream.events()).toEqual([]);
      const { data } = JSON.parse(stream.frames.at(-1)?.data ?? "{}") as { data: { appCode: string; details: { fields: Array<{ field: string }> } } };
      expect(data.appCode).toBe("VALIDATION_FAILED");
      return data.details.fields.map(({ field }) => field).sort();
    };
    const projectId = alice.projectId;

    expect(await refusedFields("chat.events", { projectId, sessionId: "not-a-uuid" })).toEqual(["sessionId"]);
    expect(await refusedFields("chat.events", { projectId, sessionId, lastEventId: "yesterday" })).toEqual(["lastEventId"]);
    expect(await refusedFields("chat.events", { projectId, sessionId, userId: alice.userId })).toEqual(["userId"]);
    expect(await refusedFields("plans.events", { projectId, planId: 42 })).toEqual(["planId"]);
  });
});

describe("chat.events isolation", () => {
  it("answers NOT_FOUND for another user's session, with no event", async () => {
    const sessionId = await alice.createSession();
    await alice.publish(sessionId, texts(0, 3));
    const intoAlicesProject = subscribeChatEvents(clientOf(bob).client, { projectId: alice.projectId, sessionId, lastEventId: "1-0" });
    const intoOwnProject = subscribeChatEvents(clientOf(bob).client, { projectId: bob.projectId, sessionId, lastEventId: "1-0" });

    expect((await intoAlicesProject.failed).data).toMatchObject({ code: "NOT_FOUND", appCode: "PROJECT_NOT_FOUND" });
    expect((await intoOwnProject.failed).data).toMatchObject({ code: "NOT_FOUND", appCode: "SESSION_NOT_FOUND" });
    expect([...intoAlicesProject.events, ...intoOwnProject.events]).toEqual([]);
    intoAlicesProject.unsubscribe();
    intoOwnProject.unsubscribe();
  });

  it("checks ownership again when it reconnects: a deleted session ends the subscription with NOT_FOUND", async () => {
    const sessionId = await alice.createSession();
    const { client, sources } = clientOf(alice);
    const subscription = await subscribedAlone(server, () => subscribeChatEvents(client, { projectId: alice.projectId, sessionId }));
    await alice.publish(sessionId, texts(0, 1));
    await subscription.waitForEvents(1);
    expect((await alice.rest.delete(`/my/projects/${alice.projectId}/chat/sessions/${sessionId}/`)).status).toBe(204);
    for (const source of sources) source.dropConnection();

    expect((await subscription.failed).data).toMatchObject({ code: "NOT_FOUND", appCode: "SESSION_NOT_FOUND" });
    expect(subscription.events).toHaveLength(1);
    subscription.unsubscribe();
  });
});

describe("plans.events", () => {
  it("delivers only the plan's own events from its session's stream, and NOT_FOUND for someone else's plan", async () => {
    const sessionId = await alice.createSession();
    const newPlan = () =>
      server.deps.db.taskPlan.create({
        data: { userId: alice.userId, projectId: alice.projectId, sessionId, originalRequest: "Plan it", status: "executing" },
        select: { id: true },
      });
    const [plan, otherPlan] = [await newPlan(), await newPlan()];
    const planStart = (planId: string) => ({ type: "plan-start" as const, payload: { planId, status: "executing" as const, startedAt: new Date().toISOString() } });
    const ours = await server.deps.events.publish({ ...alice.scope(sessionId), planId: plan.id }, planStart(plan.id));
    await server.deps.events.publish({ ...alice.scope(sessionId), planId: otherPlan.id }, planStart(otherPlan.id));
    await alice.publish(sessionId, texts(0, 1));

    const input = { projectId: alice.projectId, planId: plan.id, lastEventId: "0-0" };
    const subscription = collectEvents((handlers) => clientOf(alice).client.plans.events.subscribe(input, handlers));
    await subscription.waitForEvents(1);
    const later = await server.deps.events.publish({ ...alice.scope(sessionId), planId: plan.id }, planStart(plan.id));
    await subscription.waitForEvents(2);
    subscription.unsubscribe();
    const foreign = collectEvents((handlers) => clientOf(bob).client.plans.events.subscribe({ ...input, projectId: bob.projectId }, handlers));

    expect(subscription.events.map((event) => event.data)).toEqual([ours, later]);
    expect((await foreign.failed).data).toMatchObject({ code: "NOT_FOUND", appCode: "PLAN_NOT_FOUND" });
    expect(foreign.events).toEqual([]);
    foreign.unsubscribe();
  });
});

describe("the per-user stream limit", () => {
  it("counts REST streams and tRPC subscriptions together, answers 429 with Retry-After beyond it, and frees a place on close", async () => {
    const sessionId = await alice.createSession();
    const path = `${server.url}${alice.eventsPath(sessionId)}`;
    const headers = { authorization: `Bearer ${alice.token}` };
    const restStreams = [await openTestEventStream(path, { headers }), await openTestEventStream(path, { headers })];
    const subscription = subscribeChatEvents(clientOf(alice).client, { projectId: alice.projectId, sessionId });
    await until(() => server.deps.streams.limiter.openStreams() === maxStreamsPerUser);

    const refused = await openTestEventStream(path, { headers });
    const refusedSubscription = subscribeChatEvents(clientOf(alice).client, { projectId: alice.projectId, sessionId });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((refused.body as RestError).error).toMatchObject({ code: "RATE_LIMITED", details: { reason: "too_many_streams" } });
    expect((await refusedSubscription.failed).data).toMatchObject({ code: "TOO_MANY_REQUESTS", appCode: "RATE_LIMITED" });
    refusedSubscription.unsubscribe();

    const bobs = await openTestEventStream(`${server.url}${bob.eventsPath(await bob.createSession())}`, {
      headers: { authorization: `Bearer ${bob.token}` },
    });
    expect(bobs.status).toBe(200);
    await bobs.close();

    await restStreams[0]?.close();
    await until(() => server.deps.streams.limiter.openStreams() === maxStreamsPerUser - 1);
    const admitted = await openTestEventStream(path, { headers });
    expect(admitted.status).toBe(200);
    await Promise.all([admitted.close(), restStreams[1]?.close()]);
    subscription.unsubscribe();
    await until(() => server.deps.streams.limiter.openStreams() === 0);
  });
});
