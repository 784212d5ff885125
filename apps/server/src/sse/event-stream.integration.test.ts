import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTokenService } from "@codelab/core";
import { createFixedClock } from "@codelab/core/testing";
import { openTestEventStream, startTestServer, type RestError, type SseFrame, type TestServer } from "../testing/index.js";
import { addStreamUser, deltaTexts, texts, until, type StreamUser } from "./stream-fixture.js";

const heartbeatMilliseconds = 200;
const retryMilliseconds = 1234;

let server: TestServer;
let alice: StreamUser;
let bob: StreamUser;

beforeAll(async () => {
  server = await startTestServer({
    env: { EVENT_STREAM_HEARTBEAT_MS: String(heartbeatMilliseconds), EVENT_STREAM_RETRY_MS: String(retryMilliseconds) },
  });
  [alice, bob] = await Promise.all([addStreamUser(server), addStreamUser(server)]);
});

afterAll(() => server.close());

const bearer = (user: StreamUser) => ({ authorization: `Bearer ${user.token}` });
const open = (user: StreamUser, path: string, headers: Record<string, string> = {}) =>
  openTestEventStream(`${server.url}${path}`, { headers: { ...bearer(user), ...headers } });
const dataOf = (frame: SseFrame | undefined) => JSON.parse(frame?.data ?? "null") as Record<string, unknown>;
const eventCount = (count: number) => (frames: SseFrame[]) => frames.filter((frame) => frame.id).length >= count;

describe("GET /my/projects/{project_id}/chat/{session_id}/events/", () => {
  it("streams the session's events in order, each with id, event and JSON data naming its type", async () => {
    const sessionId = await alice.createSession();
    const stream = await open(alice, alice.eventsPath(sessionId));
    const published = await alice.publish(sessionId, texts(0, 20));
    await stream.waitFor(eventCount(20));
    await stream.close();

    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(stream.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(stream.frames[0]?.retry).toBe(retryMilliseconds);
    const events = stream.events();
    expect(events.map((frame) => frame.id)).toEqual(published.map((event) => event.id));
    expect(events.map((frame) => frame.event)).toEqual(published.map(() => "message-delta"));
    expect(deltaTexts(events)).toEqual(texts(0, 20));
    expect(dataOf(events[0])).toEqual({
      id: published[0]?.id,
      type: "message-delta",
      project_id: alice.projectId,
      session_id: sessionId,
      plan_id: null,
      published_at: published[0]?.publishedAt,
      payload: { message_id: "message-1", session_id: sessionId, agent_id: "agent-1", text: "token 0" },
    });
  });

  it("carries a direct message from start to end, with the design's agent_response just before message-end", async () => {
    const sessionId = await alice.createSession();
    const stream = await open(alice, alice.eventsPath(sessionId));
    const reply = await alice.rest.post<{ content: string }>(`/my/projects/${alice.projectId}/chat/${sessionId}/message/`, {
      content: "Explain event streams",
      target_agent: "CodeAssistant",
    });
    await stream.waitFor((frames) => frames.some((frame) => frame.event === "message-end"));
    await stream.close();

    expect(reply.status).toBe(200);
    const typed = stream.events().map((frame) => frame.event);
    expect(typed[0]).toBe("message-start");
    expect(typed.at(-1)).toBe("message-end");
    expect(new Set(typed.slice(1, -1))).toEqual(new Set(["message-delta"]));
    expect(deltaTexts(stream.frames).join("")).toBe(reply.body.content);

    const endIndex = stream.frames.findIndex((frame) => frame.event === "message-end");
    const alias = stream.frames[endIndex - 1];
    expect(alias).toMatchObject({ id: undefined, event: undefined });
    expect(dataOf(alias)).toMatchObject({ type: "agent_response", content: reply.body.content, agent_name: "CodeAssistant" });
    expect(dataOf(alias).message_id).toBe((dataOf(stream.frames[endIndex]).payload as { message_id: string }).message_id);
  });

  it("sends a heartbeat comment on a quiet stream", async () => {
    const stream = await open(alice, alice.eventsPath(await alice.createSession()));
    await stream.waitFor((frames) => frames.some((frame) => frame.comments.includes("heartbeat")), heartbeatMilliseconds * 10);
    await stream.close();
    expect(stream.events()).toEqual([]);
  });

  it("resumes right after Last-Event-ID: nothing published while away is lost, nothing is repeated", async () => {
    const sessionId = await alice.createSession();
    const first = await open(alice, alice.eventsPath(sessionId));
    await alice.publish(sessionId, texts(0, 10));
    await first.waitFor(eventCount(10));
    await first.close();
    const lastSeen = first.events().at(-1)?.id ?? "";

    await alice.publish(sessionId, texts(10, 20));
    const second = await open(alice, alice.eventsPath(sessionId), { "last-event-id": lastSeen });
    await alice.publish(sessionId, texts(20, 25));
    await second.waitFor(eventCount(15));
    await second.close();

    expect(deltaTexts(first.frames)).toEqual(texts(0, 10));
    expect(deltaTexts(second.frames)).toEqual(texts(10, 25));
  });

  it("resumes after ?last_event_id=, and prefers the Last-Event-ID header a reconnecting EventSource sends", async () => {
    const sessionId = await alice.createSession();
    const published = await alice.publish(sessionId, texts(0, 10));
    const fromQuery = await open(alice, `${alice.eventsPath(sessionId)}?last_event_id=${published[2]?.id}`);
    const fromHeader = await open(alice, `${alice.eventsPath(sessionId)}?last_event_id=${published[2]?.id}`, {
      "last-event-id": published[5]?.id ?? "",
    });
    await Promise.all([fromQuery.waitFor(eventCount(7)), fromHeader.waitFor(eventCount(4))]);
    await Promise.all([fromQuery.close(), fromHeader.close()]);

    expect(deltaTexts(fromQuery.frames)).toEqual(texts(3, 10));
    expect(deltaTexts(fromHeader.frames)).toEqual(texts(6, 10));
  });

  it("refuses a resume point that is not an event id", async () => {
    const stream = await open(alice, `${alice.eventsPath(await alice.createSession())}?last_event_id=yesterday`);
    expect(stream.status).toBe(400);
    expect((stream.body as RestError).error.details.fields).toEqual([{ field: "last_event_id", message: expect.any(String) as string }]);
  });

  it("answers 412 when events after the resume point are no longer retained, so the client reloads instead of missing them", async () => {
    // A session whose log holds nothing (never written, or expired whole) cannot vouch for anything after "1-0".
    const stream = await open(alice, alice.eventsPath(await alice.createSession()), { "last-event-id": "1-0" });
    expect(stream.status).toBe(412);
    expect((stream.body as RestError).error.code).toBe("PRECONDITION_FAILED");
  });
});

describe("a slow consumer", () => {
  it("is disconnected without holding up publishers or other subscribers, and resumes from the log with nothing lost", async () => {
    const sessionId = await alice.createSession();
    const path = `${server.url}${alice.eventsPath(sessionId)}`;
    const baseline = server.events.stats();
    const reader = await openTestEventStream(path, { headers: bearer(alice) });
    const stalled = await openTestEventStream(path, { headers: bearer(alice), paused: true });
    await until(() => server.events.stats().subscriptions === baseline.subscriptions + 2);
    // Large events fill the socket buffers quickly, and more than the bus buffers per subscriber (1,000).
    const bulky = texts(0, 1_500).map((text) => `${text} ${"x".repeat(4_000)}`);
    await alice.publish(sessionId, bulky);
    await reader.waitFor((frames) => frames.filter((frame) => frame.id).length === bulky.length, 30_000);

    await until(() => server.events.stats().subscriptions === baseline.subscriptions + 1);
    stalled.resume();
    await stalled.ended;
    const seen = stalled.events();
    const resumed = await openTestEventStream(path, { headers: { ...bearer(alice), "last-event-id": seen.at(-1)?.id ?? "" } });
    await resumed.waitFor((frames) => frames.filter((frame) => frame.id).length === bulky.length - seen.length, 30_000);
    await Promise.all([reader.close(), resumed.close()]);

    expect(seen.length).toBeLessThan(bulky.length);
    expect([...deltaTexts(seen), ...deltaTexts(resumed.frames)]).toEqual(bulky);
    expect(deltaTexts(reader.frames)).toEqual(bulky);
  });
});

describe("isolation", () => {
  it("answers NOT_FOUND for another user's session, before any event, when connecting and when resuming", async () => {
    const sessionId = await alice.createSession();
    const [published] = await alice.publish(sessionId, texts(0, 1));
    const attempts = [
      await open(bob, alice.eventsPath(sessionId)),
      await open(bob, alice.eventsPath(sessionId), { "last-event-id": "1-0" }),
      await open(bob, `${bob.eventsPath(sessionId)}?last_event_id=${published?.id}`),
    ];
    expect(attempts.map((attempt) => [attempt.status, (attempt.body as RestError).error.code])).toEqual([
      [404, "PROJECT_NOT_FOUND"],
      [404, "PROJECT_NOT_FOUND"],
      [404, "SESSION_NOT_FOUND"],
    ]);
    expect(attempts.flatMap((attempt) => attempt.frames)).toEqual([]);
  });

  it("checks ownership again on every reconnection: a deleted session's stream cannot be resumed", async () => {
    const sessionId = await alice.createSession();
    const stream = await open(alice, alice.eventsPath(sessionId));
    await alice.publish(sessionId, texts(0, 1));
    await stream.waitFor(eventCount(1));
    await stream.close();
    expect((await alice.rest.delete(`/my/projects/${alice.projectId}/chat/sessions/${sessionId}/`)).status).toBe(204);

    const resumed = await open(alice, alice.eventsPath(sessionId), { "last-event-id": stream.events()[0]?.id ?? "" });
    expect([resumed.status, (resumed.body as RestError).error.code]).toEqual([404, "SESSION_NOT_FOUND"]);
  });
});

describe("authentication", () => {
  const ticketPath = (user: StreamUser, sessionId: string) => `${user.eventsPath(sessionId)}ticket/`;
  const streamWithTicket = (user: StreamUser, sessionId: string, ticket: string) =>
    openTestEventStream(`${server.url}${user.eventsPath(sessionId)}?ticket=${encodeURIComponent(ticket)}`);
  const refusal = (stream: { status: number; body: unknown }) => [stream.status, (stream.body as RestError).error.details.reason];

  it("refuses a stream without credentials, and never takes an access token from the URL", async () => {
    const sessionId = await alice.createSession();
    const path = `${server.url}${alice.eventsPath(sessionId)}`;
    expect(refusal(await openTestEventStream(path))).toEqual([401, "missing_token"]);
    expect(refusal(await openTestEventStream(`${path}?access_token=${alice.token}`))).toEqual([401, "missing_token"]);
    expect(refusal(await openTestEventStream(`${path}?ticket=${alice.token}`))).toEqual([401, "wrong_token_type"]);
  });

  it("opens the stream with a ticket from POST .../events/ticket/, valid for at most a minute", async () => {
    const sessionId = await alice.createSession();
    const issued = await alice.rest.post<{ ticket: string; expires_in: number }>(ticketPath(alice, sessionId));
    expect(issued.status).toBe(200);
    expect(issued.body.expires_in).toBeGreaterThan(0);
    expect(issued.body.expires_in).toBeLessThanOrEqual(60);

    const stream = await streamWithTicket(alice, sessionId, issued.body.ticket);
    await alice.publish(sessionId, texts(0, 3));
    await stream.waitFor(eventCount(3));
    await stream.close();
    expect(deltaTexts(stream.frames)).toEqual(texts(0, 3));
  });

  it("refuses a ticket for another session, an expired ticket, and a ticket used as an API token", async () => {
    const [sessionId, otherSessionId] = [await alice.createSession(), await alice.createSession()];
    const { ticket } = (await alice.rest.post<{ ticket: string }>(ticketPath(alice, otherSessionId))).body;
    const past = createFixedClock(new Date(Date.now() - 120_000));
    const tokens = createTokenService({ secret: server.jwtSecret, accessTokenTtlSeconds: 60, refreshTokenTtlSeconds: 60, clock: past });
    const expired = tokens.signStreamTicket({ userId: alice.userId, projectId: alice.projectId, sessionId }).token;

    expect(refusal(await streamWithTicket(alice, sessionId, ticket))).toEqual([401, "ticket_scope_mismatch"]);
    expect(refusal(await streamWithTicket(alice, sessionId, expired))).toEqual([401, "token_expired"]);
    const asBearer = { headers: { authorization: `Bearer ${ticket}` } };
    const api = await fetch(`${server.url}/my/projects/`, asBearer);
    const trpc = await fetch(`${server.url}/trpc/projects.list`, asBearer);
    expect([api.status, trpc.status]).toEqual([401, 401]);
    expect(refusal(await openTestEventStream(`${server.url}${alice.eventsPath(otherSessionId)}`, asBearer))).toEqual([
      401,
      "wrong_token_type",
    ]);
  });

  it("issues tickets only for the caller's own sessions", async () => {
    const response = await bob.rest.post<RestError>(ticketPath(bob, await alice.createSession()));
    expect([response.status, response.body.error.code]).toEqual([404, "SESSION_NOT_FOUND"]);
    const unknown = await alice.rest.post<RestError>(ticketPath(alice, randomUUID()));
    expect(unknown.status).toBe(404);
  });
});
