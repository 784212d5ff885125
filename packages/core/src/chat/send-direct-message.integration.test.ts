import { randomUUID } from "node:crypto";
import { startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage } from "../llm/llm-client.js";
import { createTestRuntime, type TestRuntime } from "../runtime/test-runtime.js";
import { seedUser, type SeededUser } from "../testing/seed-user.js";
import { sendDirectMessage, type SendDirectMessageOptions } from "./send-direct-message.js";

let llm: LlmTestServer;
let database: TestDatabase;
let runtime: TestRuntime;

beforeAll(async () => {
  [llm, database] = await Promise.all([startLlmTestServer(), createTestDatabase()]);
  runtime = await createTestRuntime({ db: database.db, baseUrl: llm.baseUrl });
});
afterEach(() => llm.reset());
afterAll(async () => {
  await runtime.events.close();
  await database.drop();
  await llm.close();
});

function send(seeded: SeededUser, options: Partial<SendDirectMessageOptions> = {}) {
  return sendDirectMessage(runtime, {
    userId: seeded.user.id,
    projectId: seeded.project.id,
    sessionId: seeded.session.id,
    content: "Hello",
    targetAgent: "CodeAssistant",
    ...options,
  });
}

const storedCount = (seeded: SeededUser) => database.db.message.count({ where: { sessionId: seeded.session.id } });

const statusOf = async (agentId: string) =>
  database.db.userAgent.findUniqueOrThrow({ where: { id: agentId }, select: { status: true, statusReason: true } });

describe("sendDirectMessage", () => {
  it("finds the target agent whatever the case, preferring an exact match when names differ only by case", async () => {
    const seeded = await seedUser(database.db);
    const original = seeded.agents.find(({ name }) => name === "CodeAssistant")!;
    const lowerCase = await database.db.userAgent.create({
      data: { userId: seeded.user.id, projectId: seeded.project.id, name: "codeassistant", config: original.config },
    });
    const analyst = await seedUser(database.db);

    const exact = await send(seeded, { targetAgent: "codeassistant" });
    const ambiguous = await send(seeded, { targetAgent: "CODEASSISTANT" }).catch((error: unknown) => error);
    const caseless = await send(analyst, { targetAgent: "dataanalyst" });

    expect(exact.message.agentId).toBe(lowerCase.id);
    expect(ambiguous).toMatchObject({ code: "AGENT_NOT_FOUND", details: { agent: "CODEASSISTANT" } });
    expect(caseless.agentName).toBe("DataAnalyst");
  });

  it("refuses a disabled agent with AGENT_DISABLED before storing or asking anything", async () => {
    const seeded = await seedUser(database.db);
    await database.db.userAgent.updateMany({ where: { projectId: seeded.project.id, name: "CodeAssistant" }, data: { status: "DISABLED" } });

    await expect(send(seeded)).rejects.toMatchObject({ code: "AGENT_DISABLED", details: { agent: "CodeAssistant" } });

    expect(llm.requests).toHaveLength(0);
    expect(await storedCount(seeded)).toBe(0);
  });

  it("publishes the stored usage, cost and model in message-start and message-end", async () => {
    const seeded = await seedUser(database.db);
    llm.enqueue({ kind: "text", text: "Counted.", usage: { promptTokens: 70, completionTokens: 2 } });

    const { message } = await send(seeded);
    const events = await runtime.events.read({ userId: seeded.user.id, projectId: seeded.project.id, sessionId: seeded.session.id });

    const start = events.find((event) => event.type === "message-start");
    const end = events.find((event) => event.type === "message-end");
    expect(start?.type === "message-start" && start.payload).toMatchObject({ messageId: message.id, model: "openrouter/openai/gpt-4.1" });
    expect(end?.type === "message-end" && end.payload).toMatchObject({
      messageId: message.id,
      content: "Counted.",
      usage: { promptTokens: 70, completionTokens: 2 },
      costUsd: message.cost,
    });
  });

  it("replays a completed request with its agent name and stores nothing more", async () => {
    const seeded = await seedUser(database.db);
    const idempotencyKey = randomUUID();

    const first = await send(seeded, { idempotencyKey, targetAgent: "DocumentWriter" });
    const replay = await send(seeded, { idempotencyKey, targetAgent: "DocumentWriter" });

    expect(replay).toEqual(first);
    expect(replay.agentName).toBe("DocumentWriter");
    expect(llm.requests).toHaveLength(1);
    expect(await storedCount(seeded)).toBe(2);
  });

  it("shows the agent BUSY while it answers and READY once the answer is stored", async () => {
    const seeded = await seedUser(database.db);
    const agent = seeded.agents.find(({ name }) => name === "CodeAssistant")!;
    llm.enqueue({ kind: "text", text: "Done.", delayBeforeFirstByteMs: 300 });

    const sending = send(seeded);
    await expect.poll(async () => (await statusOf(agent.id)).status).toBe("BUSY");
    await sending;

    expect(await statusOf(agent.id)).toEqual({ status: "READY", statusReason: null });
  });

  it("sends the session's earlier turns as history and the new message once, after them", async () => {
    const seeded = await seedUser(database.db);
    llm.enqueue({ kind: "text", text: "First answer." });
    llm.enqueue({ kind: "text", text: "Second answer." });

    await send(seeded, { content: "First question" });
    await send(seeded, { content: "Second question" });

    const sent = (llm.requests.at(-1)?.body.messages ?? []) as ChatMessage[];
    expect(sent.slice(1).map(({ role, content }) => ({ role, content }))).toEqual([
      { role: "user", content: "First question" },
      { role: "assistant", content: "First answer." },
      { role: "user", content: "Second question" },
    ]);
    expect(await storedCount(seeded)).toBe(4);
  });

  it("answers 404 alike for a session or an agent of another user's project", async () => {
    const owner = await seedUser(database.db);
    const stranger = await seedUser(database.db);

    const foreignSession = await send(stranger, { sessionId: owner.session.id }).catch((error: unknown) => error);
    const foreignProject = await send(stranger, { projectId: owner.project.id }).catch((error: unknown) => error);

    expect(foreignSession).toMatchObject({ code: "SESSION_NOT_FOUND" });
    // The agent lookup proves the project too: a miss names the project before the session.
    expect(foreignProject).toMatchObject({ code: "PROJECT_NOT_FOUND" });
    expect(llm.requests).toHaveLength(0);
    expect(await storedCount(owner)).toBe(0);
  });
});
