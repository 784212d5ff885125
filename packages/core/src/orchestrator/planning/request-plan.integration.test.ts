import { startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../errors/app-error.js";
import { createOpenAiLlmClient } from "../../llm/openai-llm-client.js";
import { createPricing, parsePricingTable } from "../../llm/pricing.js";
import { createMetrics } from "../../metrics/metrics.js";
import { toRosterAgent } from "./planner-prompt.js";
import { emptyPlanningUsage, requestPlan } from "./request-plan.js";

// The real `openai` client against the scripted OpenAI-compatible server over HTTP.
const pricing = createPricing({ table: parsePricingTable({ models: { planner: { input: 1, output: 2 } } }) });
let llm: LlmTestServer;
let deps: Parameters<typeof requestPlan>[0];
beforeAll(async () => {
  llm = await startLlmTestServer();
  const client = createOpenAiLlmClient({
    apiKey: "test-key",
    baseUrl: llm.baseUrl,
    timeouts: { connectMs: 2_000, idleMs: 2_000, totalMs: 10_000 },
    retry: { maxAttempts: 1, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1_000 },
    limits: { maxChunkChars: 10_000, maxOutputChars: 100_000 },
    pricing,
  });
  deps = { llm: client, pricing, metrics: createMetrics() };
});
afterEach(() => llm.reset());
afterAll(() => llm.close());

const roster = [
  toRosterAgent("Coder", { systemPrompt: "You write code.", model: "m", tools: ["code_executor"], temperature: 0.7, maxTokens: 100, metadata: { role: "developer" } }),
  toRosterAgent("Writer", { systemPrompt: "You write docs.", model: "m", tools: [], temperature: 0.7, maxTokens: 100, metadata: { role: "writer" } }),
];

const plan = (...tasks: Array<[id: string, agent: string, dependencies: string[]]>) =>
  JSON.stringify({ tasks: tasks.map(([task_id, agent, dependencies]) => ({ task_id, description: `Do ${task_id}`, agent, dependencies, expected_output: "Done" })) });

async function plannedWith(...replies: string[]) {
  for (const text of replies) llm.enqueue({ kind: "text", text, usage: { promptTokens: 100, completionTokens: 50 } });
  const usage = emptyPlanningUsage("planner");
  const outcome = await requestPlan(deps, { model: "planner", request: "Build and document it", roster, usage }).catch((error: unknown) => error);
  return { outcome, usage, requests: llm.requests.filter((request) => request.path === "/v1/chat/completions") };
}

describe("requestPlan", () => {
  it("asks for the plan with a strict JSON schema naming the project's agents, and reads the answer", async () => {
    const { outcome, usage, requests } = await plannedWith(plan(["t1", "Coder", []], ["t2", "Writer", ["t1"]]));

    expect(outcome).toEqual({ graph: { tasks: [expect.objectContaining({ taskId: "t1", agent: "Coder" }), expect.objectContaining({ taskId: "t2", dependencies: ["t1"] })] } });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.body).toMatchObject({ model: "planner", temperature: 0, response_format: { type: "json_schema", json_schema: { name: "task_plan", strict: true } } });
    expect(JSON.stringify(requests[0]!.body.response_format)).toContain('"enum":["Coder","Writer"]');
    expect(usage).toMatchObject({ calls: 1, promptTokens: 100, completionTokens: 50, costUsd: (100 * 1 + 50 * 2) / 1_000_000 });
  });

  it("repairs an answer that is not JSON with one more call that quotes the problem", async () => {
    const { outcome, usage, requests } = await plannedWith("Sure! First I will write the code.", plan(["t1", "Coder", []]));

    expect(outcome).toEqual({ graph: { tasks: [expect.objectContaining({ taskId: "t1" })] } });
    expect(requests).toHaveLength(2);
    const repair = requests[1]!.body.messages as Array<{ role: string; content: string }>;
    expect(repair.at(-2)).toEqual({ role: "assistant", content: "Sure! First I will write the code." });
    expect(repair.at(-1)!.content).toContain("The answer contains no JSON object.");
    expect(usage.calls).toBe(2);
  });

  it("repairs a plan with a cycle by naming the tasks on it", async () => {
    const { outcome, requests } = await plannedWith(plan(["a", "Coder", ["b"]], ["b", "Writer", ["a"]]), plan(["a", "Coder", []], ["b", "Writer", ["a"]]));

    expect(outcome).toHaveProperty("graph");
    expect((requests[1]!.body.messages as Array<{ content: string }>).at(-1)!.content).toMatch(/"[ab]" → "[ab]" → "[ab]" form a cycle/);
  });

  it("fails with PLANNING_FAILED when the answer is unreadable twice", async () => {
    const { outcome, usage } = await plannedWith("no plan", "still no plan");

    expect(outcome).toBeInstanceOf(AppError);
    expect(outcome).toMatchObject({ code: "PLANNING_FAILED", details: { reason: "The answer contains no JSON object.", attempts: 2 } });
    expect(usage.calls).toBe(2);
  });

  it("fails with PLAN_INVALID and every problem when the repaired plan is still wrong", async () => {
    const { outcome } = await plannedWith(plan(["t1", "Ghost", []]), plan(["t1", "Ghost", []], ["t2", "Coder", ["t9"]]));

    expect(outcome).toMatchObject({
      code: "PLAN_INVALID",
      details: {
        reason: "unknown_agent",
        problems: [expect.objectContaining({ problem: "unknown_agent", agent: "Ghost" }), expect.objectContaining({ problem: "unknown_dependency", dependency: "t9" })],
      },
    });
  });

  it("asks again without response_format when the provider refuses it", async () => {
    llm.enqueue({ kind: "error", status: 400, body: { error: { message: "response_format is not supported", type: "invalid_request_error" } } });

    const { outcome, requests } = await plannedWith(plan(["t1", "Writer", []]));

    expect(outcome).toHaveProperty("graph");
    expect(requests.map((request) => "response_format" in request.body)).toEqual([true, false]);
  });
});
