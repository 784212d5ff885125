import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RestError, RestMessage } from "../testing/index.js";
import { chatRequests, messagesPath, starterModel, startChatFixture, type ChatFixture, type ChatUser } from "./chat-fixture.js";

let fixture: ChatFixture;
let alice: ChatUser;

beforeAll(async () => {
  fixture = await startChatFixture();
  alice = await fixture.addUser();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

interface SeenMessage {
  role: string;
  content: string;
}

const messagesSent = (index = 0) => (chatRequests(fixture.llm)[index]?.body.messages ?? []) as SeenMessage[];

async function storedMessages(user: ChatUser, sessionId: string) {
  const response = await user.rest.get<{ messages: RestMessage[]; total: number }>(messagesPath(user.projectId, sessionId));
  return response.body;
}

async function agentStatus(agentId: string) {
  return fixture.server.deps.db.userAgent.findUniqueOrThrow({ where: { id: agentId }, select: { status: true, statusReason: true } });
}

// The shipped pricing table: openrouter/openai/gpt-4.1 costs $2 per 1M input and $8 per 1M output tokens.
const gpt41Cost = (promptTokens: number, completionTokens: number) => (promptTokens * 2 + completionTokens * 8) / 1_000_000;

describe("a direct call over REST", () => {
  it("answers with the documented assistant message, priced from the pricing table", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "Hello from the model.", usage: { promptTokens: 1200, completionTokens: 300 } });

    const response = await alice.send(sessionId, { content: "Say hello", target_agent: "CodeAssistant" });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as string,
      session_id: sessionId,
      role: "assistant",
      content: "Hello from the model.",
      agent_id: alice.agents.CodeAssistant?.id,
      agent_name: "CodeAssistant",
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) as string,
    });
    expect(response.body.cost).toBeCloseTo(gpt41Cost(1200, 300), 12);
  });

  it("sends the agent's model untouched, its system prompt and the message, streaming", async () => {
    const sessionId = await alice.createSession();

    await alice.send(sessionId, { content: "Write a sort function", target_agent: "CodeAssistant" });

    const [request] = chatRequests(fixture.llm);
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    expect(request?.body).toMatchObject({ model: starterModel, stream: true, stream_options: { include_usage: true } });
    expect(messagesSent()[0]).toMatchObject({ role: "system", content: expect.stringContaining("You are an expert code developer") as string });
    expect(messagesSent().at(-1)).toEqual({ role: "user", content: "Write a sort function" });
  });

  it("stores the user message first and the assistant message after, both in the session history", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "Stored answer." });

    const reply = await alice.send(sessionId, { content: "Store this exchange", target_agent: "DataAnalyst" });
    const { messages, total } = await storedMessages(alice, sessionId);

    expect(total).toBe(2);
    expect(messages.map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: "Store this exchange" },
      { role: "assistant", content: "Stored answer." },
    ]);
    expect(messages[1]).toMatchObject({ id: reply.body.id, agent_id: alice.agents.DataAnalyst?.id, cost: reply.body.cost });
    expect(Date.parse(messages[0]!.created_at)).toBeLessThanOrEqual(Date.parse(messages[1]!.created_at));
  });

  it("gives the model the earlier turns of the session", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "First answer." }, { kind: "text", text: "Second answer." });

    await alice.send(sessionId, { content: "First question", target_agent: "CodeAssistant" });
    await alice.send(sessionId, { content: "Second question", target_agent: "CodeAssistant" });

    expect(messagesSent(1).slice(1)).toEqual([
      { role: "user", content: "First question" },
      { role: "assistant", content: "First answer." },
      { role: "user", content: "Second question" },
    ]);
  });

  it("leaves the agent READY and counts the run and its memory search on /metrics", async () => {
    const sessionId = await alice.createSession();
    const agentId = alice.agents.DocumentWriter!.id;

    await alice.send(sessionId, { content: "Document this", target_agent: "DocumentWriter" });
    const metrics = await (await fetch(`${fixture.server.url}/metrics`)).text();

    expect(await agentStatus(agentId)).toEqual({ status: "READY", statusReason: null });
    expect(metrics).toContain(`agent_executions_total{agent_id="${agentId}",status="success"} 1`);
    expect(metrics).toMatch(new RegExp(`qdrant_search_latency_seconds_count\\{agent_id="${agentId}"\\} [1-9]`));
    expect(metrics).toMatch(new RegExp(`agent_execution_seconds_count\\{agent_id="${agentId}"\\} 1`));
  });
});

describe("message events", () => {
  it("publish message-start, the deltas and message-end in order, the deltas spelling the stored answer", async () => {
    const sessionId = await alice.createSession();
    const text = "One two three four five six seven eight.";
    fixture.llm.enqueue({ kind: "text", text, chunks: 8, delayBetweenChunksMs: 20 });

    const reply = await alice.send(sessionId, { content: "Count to eight", target_agent: "CodeAssistant" });
    const events = await fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId });

    const types = events.map(({ type }) => type);
    expect(types[0]).toBe("message-start");
    expect(types.at(-1)).toBe("message-end");
    expect(types.slice(1, -1).every((type) => type === "message-delta")).toBe(true);
    expect(types.length).toBeGreaterThan(3);
    const streamed = events.flatMap((event) => (event.type === "message-delta" ? [event.payload.text] : [])).join("");
    expect(streamed).toBe(text);
    expect(streamed).toBe(reply.body.content);
    const end = events.at(-1);
    expect(end?.type === "message-end" && end.payload).toMatchObject({ messageId: reply.body.id, content: text, agentName: "CodeAssistant" });
    expect(events.every((event) => "messageId" in event.payload && event.payload.messageId === reply.body.id)).toBe(true);
  });
});

describe("a direct call over tRPC", () => {
  it("answers with the assistant message and stores both messages", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "Over tRPC.", usage: { promptTokens: 40, completionTokens: 3 } });

    const reply = await alice.trpc.chat.send.mutate({ projectId: alice.projectId, sessionId, content: "Hi there", targetAgent: "CodeAssistant" });
    if (reply.kind !== "message") throw new Error(`expected the agent's message, got a ${reply.kind}`);
    const { messages } = await alice.trpc.messages.list.query({ projectId: alice.projectId, sessionId });

    expect(reply).toMatchObject({
      sessionId,
      role: "assistant",
      content: "Over tRPC.",
      agentId: alice.agents.CodeAssistant?.id,
      agentName: "CodeAssistant",
      promptTokens: 40,
      completionTokens: 3,
      totalTokens: 43,
    });
    expect(reply.cost).toBeCloseTo(gpt41Cost(40, 3), 12);
    expect(messages.map(({ id, role }) => [role, id === reply.id])).toEqual([
      ["user", false],
      ["assistant", true],
    ]);
    expect(chatRequests(fixture.llm).map(({ body }) => body.model)).toEqual([starterModel]);
  });
});

describe("a direct call that cannot be answered", () => {
  const errorOf = (response: { body: unknown }) => (response.body as RestError).error;

  async function expectNothingSent(sessionId: string) {
    expect(chatRequests(fixture.llm)).toHaveLength(0);
    expect((await storedMessages(alice, sessionId)).total).toBe(0);
  }

  it("answers 404 naming an unknown target agent", async () => {
    const sessionId = await alice.createSession();

    const response = await alice.send(sessionId, { content: "Hello?", target_agent: "Nobody" });

    expect(response.status).toBe(404);
    expect(errorOf(response)).toMatchObject({ code: "AGENT_NOT_FOUND", details: { agent: "Nobody" } });
    expect(errorOf(response).message).toContain("Nobody");
    await expectNothingSent(sessionId);
  });

  it("answers 400 for an empty, blank or over-long message and accepts one of exactly 32,000 characters", async () => {
    const sessionId = await alice.createSession();

    const refused = await Promise.all(
      ["", "   \n ", "x".repeat(32_001)].map((content) => alice.send(sessionId, { content, target_agent: "CodeAssistant" })),
    );

    for (const response of refused) {
      expect(response.status).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: "VALIDATION_FAILED", details: { fields: [{ field: "content" }] } });
    }
    await expectNothingSent(sessionId);
    fixture.llm.enqueue({ kind: "text", text: "Read it all." });
    const longest = await alice.send(sessionId, { content: "y".repeat(32_000), target_agent: "CodeAssistant" });
    expect(longest.status).toBe(200);
  });

  it("answers 404 for another user's session, exactly as for a missing one", async () => {
    const bob = await fixture.addUser();
    const bobSession = await bob.createSession();

    const foreign = await alice.send(bobSession, { content: "Hello", target_agent: "CodeAssistant" });
    const missing = await alice.send(randomUUID(), { content: "Hello", target_agent: "CodeAssistant" });

    expect(foreign.status).toBe(404);
    expect(errorOf(foreign).code).toBe("SESSION_NOT_FOUND");
    expect(foreign.body).toEqual(missing.body);
    expect(chatRequests(fixture.llm)).toHaveLength(0);
    expect((await storedMessages(bob, bobSession)).total).toBe(0);
  });
});
