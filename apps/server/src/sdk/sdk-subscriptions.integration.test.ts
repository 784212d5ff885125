import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { createCodelabClient } from "@codelab/sdk";
import { signUp, startTestServer, trackedEventSourceClass, type TestServer } from "../testing/index.js";

describe("subscriptions through the SDK", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it("streams a session's typed events and authenticates every reconnection with the current token", async () => {
    const { userId, token } = await signUp(server.url);
    const renewed = server.deps.tokens.signAccessToken({ userId, tokenVersion: 0 }).token;
    const setUp = createCodelabClient({ url: server.url, token });
    const project = await setUp.projects.create.mutate({ name: "Subscriptions" });
    const session = await setUp.sessions.create.mutate({ projectId: project.id, topic: "Live" });

    let currentToken = token;
    const sentTokens: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      sentTokens.push(new Headers(init?.headers).get("authorization") ?? "");
      return fetch(input, init);
    };
    const { EventSource, sources } = trackedEventSourceClass();
    const client = createCodelabClient({ url: server.url, token: () => currentToken, fetch: recordingFetch, EventSource });

    const received: string[] = [];
    const waiters: Array<() => void> = [];
    const nextEvent = () => new Promise<void>((resolve) => waiters.push(resolve));
    const subscription = client.chat.events.subscribe(
      { projectId: project.id, sessionId: session.id, lastEventId: "0-0" },
      {
        onData(event) {
          expectTypeOf(event.id).toBeString();
          if (event.data.type === "message-delta") {
            // Narrowing the event type narrows its payload: the events are typed end to end.
            expectTypeOf(event.data.payload.text).toBeString();
            received.push(event.data.payload.text);
          }
          waiters.shift()?.();
        },
      },
    );
    const scope = { userId, projectId: project.id, sessionId: session.id };
    const delta = (text: string) => ({ type: "message-delta" as const, payload: { messageId: "m", sessionId: session.id, agentId: "a", text } });
    const first = nextEvent();
    await server.deps.events.publish(scope, delta("before"));
    await first;

    currentToken = renewed;
    for (const source of sources) source.dropConnection();
    const second = nextEvent();
    await server.deps.events.publish(scope, delta("after"));
    await second;
    subscription.unsubscribe();

    expect(received).toEqual(["before", "after"]);
    expect(sentTokens.slice(0, 2)).toEqual([`Bearer ${token}`, `Bearer ${renewed}`]);
  });
});
