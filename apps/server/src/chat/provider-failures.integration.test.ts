import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RestError, RestMessage } from "../testing/index.js";
import { chatRequests, messagesPath, startChatFixture, type ChatFixture, type ChatUser } from "./chat-fixture.js";

let fixture: ChatFixture;
let alice: ChatUser;

beforeAll(async () => {
  fixture = await startChatFixture({ env: { LLM_MAX_ATTEMPTS: "3", LLM_RETRY_BASE_DELAY_MS: "10" } });
  alice = await fixture.addUser();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

const ask = (sessionId: string, agent = "CodeAssistant") => alice.send(sessionId, { content: "Please answer", target_agent: agent });
const errorOf = (response: { body: unknown }) => (response.body as RestError).error;

async function storedMessages(sessionId: string) {
  return (await alice.rest.get<{ messages: RestMessage[] }>(messagesPath(alice.projectId, sessionId))).body.messages;
}

async function agentStatus(name: string) {
  const agentId = alice.agents[name]!.id;
  return fixture.server.deps.db.userAgent.findUniqueOrThrow({ where: { id: agentId }, select: { status: true, statusReason: true } });
}

async function sessionEvents(sessionId: string) {
  return fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId });
}

describe("retries", () => {
  it("waits the Retry-After of a 429, then asks again and answers", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "error", status: 429, headers: { "retry-after": "1" } }, { kind: "text", text: "After the wait." });

    const response = await ask(sessionId);

    const [limited, retried] = chatRequests(fixture.llm);
    expect(response.status).toBe(200);
    expect(response.body.content).toBe("After the wait.");
    expect(chatRequests(fixture.llm)).toHaveLength(2);
    expect(retried!.receivedAt - limited!.receivedAt).toBeGreaterThanOrEqual(950);
  });

  it("asks again after 500s and answers once the provider recovers", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "error", status: 500 }, { kind: "error", status: 503 }, { kind: "text", text: "Recovered." });

    const response = await ask(sessionId);

    expect(response.status).toBe(200);
    expect(response.body.content).toBe("Recovered.");
    expect(chatRequests(fixture.llm)).toHaveLength(3);
  });

  it("gives up after LLM_MAX_ATTEMPTS with 502 LLM_UNAVAILABLE, leaving the agent in ERROR with the reason", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue(...Array.from({ length: 3 }, () => ({ kind: "error" as const, status: 500 })), { kind: "text", text: "Never asked for." });

    const response = await ask(sessionId, "DataAnalyst");

    expect(response.status).toBe(502);
    expect(errorOf(response)).toMatchObject({ code: "LLM_UNAVAILABLE", details: { providerStatus: 500, attempts: 3 } });
    expect(chatRequests(fixture.llm)).toHaveLength(3);
    expect(fixture.llm.pendingReplies).toBe(1);
    expect(await agentStatus("DataAnalyst")).toEqual({ status: "ERROR", statusReason: expect.stringContaining("HTTP 500") as string });
  });

  it("does not retry a 400 and answers 502 LLM_REQUEST_REJECTED", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "error", status: 400 }, { kind: "text", text: "Never asked for." });

    const response = await ask(sessionId);

    expect(response.status).toBe(502);
    expect(errorOf(response)).toMatchObject({ code: "LLM_REQUEST_REJECTED", details: { providerStatus: 400, attempts: 1 } });
    expect(chatRequests(fixture.llm)).toHaveLength(1);
  });

  it("asks again when the connection is cut before any text arrived", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "Lost.", cutAfterChunks: 0 }, { kind: "reset" }, { kind: "text", text: "Third time." });

    const response = await ask(sessionId);

    expect(response.status).toBe(200);
    expect(response.body.content).toBe("Third time.");
    expect(chatRequests(fixture.llm)).toHaveLength(3);
  });
});

describe("a stream cut mid-answer", () => {
  it("answers 502, stores no assistant message and publishes message-fail instead of message-end", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "AAAA BBBB CCCC DDDD", chunks: 4, cutAfterChunks: 2, delayBetweenChunksMs: 10 });

    const response = await ask(sessionId, "DocumentWriter");
    const events = await sessionEvents(sessionId);

    expect(response.status).toBe(502);
    expect(errorOf(response).code).toBe("LLM_STREAM_INTERRUPTED");
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    expect((await storedMessages(sessionId)).map(({ role }) => role)).toEqual(["user"]);
    expect(events[0]?.type).toBe("message-start");
    expect(events.map(({ type }) => type)).not.toContain("message-end");
    const fail = events.at(-1);
    expect(fail?.type).toBe("message-fail");
    expect(fail?.type === "message-fail" && fail.payload).toMatchObject({
      agentName: "DocumentWriter",
      error: { code: "LLM_STREAM_INTERRUPTED" },
    });
    expect(await agentStatus("DocumentWriter")).toEqual({ status: "ERROR", statusReason: expect.stringContaining("cut off") as string });
  });

  it("is followed by a normal answer that puts the agent back to READY", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "Cut", chunks: 2, cutAfterChunks: 1 }, { kind: "text", text: "Whole." });

    const failed = await ask(sessionId, "DocumentWriter");
    const answered = await ask(sessionId, "DocumentWriter");

    expect(failed.status).toBe(502);
    expect(answered.status).toBe(200);
    expect(await agentStatus("DocumentWriter")).toEqual({ status: "READY", statusReason: null });
    expect((await storedMessages(sessionId)).map(({ role, content }) => [role, content])).toEqual([
      ["user", "Please answer"],
      ["user", "Please answer"],
      ["assistant", "Whole."],
    ]);
  });
});
