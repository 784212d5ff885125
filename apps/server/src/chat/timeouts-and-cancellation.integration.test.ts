import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RestError, RestMessage } from "../testing/index.js";
import { chatRequests, messagePath, messagesPath, startChatFixture, type ChatFixture, type ChatUser } from "./chat-fixture.js";

let fixture: ChatFixture;
let alice: ChatUser;

// Short enough for a hang to end the call quickly; long enough that a client disconnect (within
// milliseconds) is unmistakably what ended it.
beforeAll(async () => {
  fixture = await startChatFixture({ env: { LLM_TOTAL_TIMEOUT_MS: "700", LLM_IDLE_TIMEOUT_MS: "200" } });
  alice = await fixture.addUser();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

const ask = (sessionId: string, agent = "CodeAssistant") => alice.send(sessionId, { content: "Please answer", target_agent: agent });
const errorOf = (response: { body: unknown }) => (response.body as RestError).error;

async function storedRoles(sessionId: string) {
  return (await alice.rest.get<{ messages: RestMessage[] }>(messagesPath(alice.projectId, sessionId))).body.messages.map(({ role }) => role);
}

async function agentStatus(name: string) {
  const agentId = alice.agents[name]!.id;
  return fixture.server.deps.db.userAgent.findUniqueOrThrow({ where: { id: agentId }, select: { status: true, statusReason: true } });
}

async function lastEvent(sessionId: string) {
  return (await fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId })).at(-1);
}

describe("timeouts", () => {
  it("answer 504 LLM_TIMEOUT when the provider hangs past LLM_TOTAL_TIMEOUT_MS, closing the upstream request", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "hang" }, { kind: "text", text: "Never asked for." });

    const response = await ask(sessionId, "DataAnalyst");

    expect(response.status).toBe(504);
    expect(errorOf(response)).toMatchObject({ code: "LLM_TIMEOUT", details: { timeout: "total" } });
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    await expect.poll(() => fixture.llm.abortedRequests).toBe(1);
    expect(await storedRoles(sessionId)).toEqual(["user"]);
    expect(await agentStatus("DataAnalyst")).toEqual({ status: "ERROR", statusReason: expect.stringContaining("timeout") as string });
    const fail = await lastEvent(sessionId);
    expect(fail?.type === "message-fail" && fail.payload.error.code).toBe("LLM_TIMEOUT");
  });

  it("answer 504 when a stream stalls longer than LLM_IDLE_TIMEOUT_MS between chunks, keeping nothing of it", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "text", text: "Start then stall", chunks: 3, delayBetweenChunksMs: 5_000 });

    const response = await ask(sessionId);

    expect(response.status).toBe(504);
    expect(errorOf(response)).toMatchObject({ code: "LLM_TIMEOUT", details: { timeout: "idle" } });
    expect(chatRequests(fixture.llm)).toHaveLength(1);
    expect(await storedRoles(sessionId)).toEqual(["user"]);
  });
});

describe("a client that disconnects mid-request", () => {
  it("aborts the upstream request, stores no answer and leaves the agent READY", async () => {
    const sessionId = await alice.createSession();
    fixture.llm.enqueue({ kind: "hang" });
    const client = new AbortController();

    const request = fetch(`${fixture.server.url}${messagePath(alice.projectId, sessionId)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
      body: JSON.stringify({ content: "Never mind", target_agent: "DocumentWriter" }),
      signal: client.signal,
    });
    await expect.poll(() => fixture.llm.inFlight).toBe(1);
    client.abort();

    await expect(request).rejects.toThrow();
    await expect.poll(() => fixture.llm.abortedRequests).toBe(1);
    await expect.poll(async () => (await lastEvent(sessionId))?.type).toBe("message-fail");
    const fail = await lastEvent(sessionId);
    expect(fail?.type === "message-fail" && fail.payload.error.code).toBe("LLM_CANCELLED");
    expect(await storedRoles(sessionId)).toEqual(["user"]);
    expect(await agentStatus("DocumentWriter")).toEqual({ status: "READY", statusReason: null });
  });
});
