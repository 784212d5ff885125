import { startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AgentRecord } from "../agents/agent-select.js";
import type { ChatMessage } from "../llm/llm-client.js";
import type { MemoryScope } from "../memory/memory-store.js";
import { seedUser, type SeededUser } from "../testing/seed-user.js";
import { memoryHeading } from "./build-agent-prompt.js";
import { runContextualAgent, type ContextualAgentInput } from "./run-contextual-agent.js";
import { createTestRuntime, type TestRuntime } from "./test-runtime.js";

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

/** A new tenant, so memories and statuses of one test never reach another. */
async function newAgent(): Promise<{ seeded: SeededUser; agent: AgentRecord; scope: MemoryScope }> {
  const seeded = await seedUser(database.db);
  const agent = seeded.agents[0]!;
  return { seeded, agent, scope: { userId: seeded.user.id, projectId: seeded.project.id, agentId: agent.id } };
}

function run(target: { agent: AgentRecord; scope: MemoryScope }, input: string, extra: Partial<ContextualAgentInput> = {}, on = runtime) {
  return runContextualAgent(on, { scope: target.scope, config: target.agent.config, history: [], input, ...extra });
}

async function remember(scope: MemoryScope, contents: string[]) {
  const vectors = await runtime.embedder.embed(contents);
  await runtime.memory.add(
    scope,
    contents.map((content, index) => ({ content, metadata: {}, vector: vectors[index]! })),
  );
}

const statusOf = async (agentId: string) =>
  database.db.userAgent.findUniqueOrThrow({ where: { id: agentId }, select: { status: true, statusReason: true } });

const sentMessages = () => (llm.requests.at(-1)?.body.messages ?? []) as ChatMessage[];

describe("runContextualAgent", () => {
  it("shows the agent BUSY while the model works and READY once it answered", async () => {
    const target = await newAgent();
    llm.enqueue({ kind: "text", text: "Done.", delayBeforeFirstByteMs: 300 });

    const running = run(target, "Take your time");
    await expect.poll(async () => (await statusOf(target.agent.id)).status).toBe("BUSY");
    await running;

    expect(await statusOf(target.agent.id)).toEqual({ status: "READY", statusReason: null });
  });

  it("never overrides an agent the user disabled meanwhile", async () => {
    const target = await newAgent();
    await database.db.userAgent.update({ where: { id: target.agent.id }, data: { status: "DISABLED" } });

    await run(target, "Still answer");

    expect((await statusOf(target.agent.id)).status).toBe("DISABLED");
  });

  it("puts at most five memories in the prompt, the most relevant first", async () => {
    const target = await newAgent();
    const facts = Array.from({ length: 7 }, (_, index) => `The deploy checklist step ${index + 1} is reviewed weekly.`);
    await remember(target.scope, [...facts, "The deploy checklist is the deploy checklist."]);

    const result = await run(target, "What is on the deploy checklist?");

    const system = sentMessages()[0]?.content ?? "";
    const bullets = system.slice(system.indexOf(memoryHeading)).split("\n").filter((line) => line.startsWith("- "));
    expect(result.memoriesUsed).toBe(5);
    expect(bullets).toHaveLength(5);
    expect(bullets[0]).toBe("- The deploy checklist is the deploy checklist.");
  });

  it("sends the newest history that fits the token budget, oldest turns dropped", async () => {
    const target = await newAgent();
    const tight = await createTestRuntime({ db: database.db, baseUrl: llm.baseUrl, historyTokenBudget: 40 });
    const history: ChatMessage[] = Array.from({ length: 12 }, (_, index) => ({
      role: index % 2 === 0 ? "user" : "assistant",
      content: `Turn number ${index} of a long conversation.`,
    }));

    await run(target, "And now?", { history }, tight);
    await tight.events.close();

    const sentHistory = sentMessages().slice(1, -1);
    expect(sentHistory.length).toBeGreaterThan(0);
    expect(sentHistory.length).toBeLessThan(history.length);
    expect(sentHistory).toEqual(history.slice(history.length - sentHistory.length));
  });

  it("counts tokens and cost by model on the metrics", async () => {
    const target = await newAgent();
    llm.enqueue({ kind: "text", text: "Priced.", usage: { promptTokens: 500_000, completionTokens: 250_000 } });

    const result = await run(target, "What does this cost?");
    const metrics = await runtime.metrics.registry.metrics();

    // openrouter/openai/gpt-4.1 in the shipped table: $2 per 1M input tokens, $8 per 1M output tokens.
    expect(result.cost).toBeCloseTo(3, 9);
    expect(metrics).toMatch(/llm_tokens_total\{model="openrouter\/openai\/gpt-4\.1",kind="prompt"\} \d+/);
    expect(metrics).toMatch(/llm_cost_dollars_total\{model="openrouter\/openai\/gpt-4\.1"\} [1-9]/);
  });

  it("still answers when the exchange cannot be remembered, and says so in a warning", async () => {
    const target = await newAgent();
    const forgetful = await createTestRuntime({
      db: database.db,
      baseUrl: llm.baseUrl,
      wrapMemory: (store) => ({ ...store, add: () => Promise.reject(new Error("memory store is down")) }),
    });
    llm.enqueue({ kind: "text", text: "Answer without memory." });

    const result = await run(target, "Anything", {}, forgetful);
    await forgetful.events.close();

    expect(result.completion.content).toBe("Answer without memory.");
    expect(forgetful.warnings.map(({ message }) => message)).toContain("could not store an agent exchange in memory");
    expect(await statusOf(target.agent.id)).toEqual({ status: "READY", statusReason: null });
  });

  it("marks the agent ERROR with the reason when the model fails, and READY when the caller cancels", async () => {
    const failing = await newAgent();
    const cancelled = await newAgent();
    llm.enqueue({ kind: "error", status: 401 });

    await expect(run(failing, "Fail")).rejects.toMatchObject({ code: "LLM_REQUEST_REJECTED" });
    llm.enqueue({ kind: "hang" });
    const caller = new AbortController();
    const pending = run(cancelled, "Cancel me", { signal: caller.signal });
    await expect.poll(() => llm.inFlight).toBe(1);
    caller.abort();
    await expect(pending).rejects.toMatchObject({ code: "LLM_CANCELLED" });

    expect(await statusOf(failing.agent.id)).toEqual({ status: "ERROR", statusReason: expect.stringContaining("HTTP 401") as string });
    expect(await statusOf(cancelled.agent.id)).toEqual({ status: "READY", statusReason: null });
  });
});
