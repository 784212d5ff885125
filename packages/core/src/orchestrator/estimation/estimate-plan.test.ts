import { describe, expect, it } from "vitest";
import { createPricing, parsePricingTable } from "../../llm/pricing.js";
import { countTokens } from "../../llm/token-count.js";
import type { PlannedTask } from "../plan-graph.js";
import { estimateDefaults, estimatePlan, type AgentProfile, type EstimateContext, type ModelObservation } from "./estimate-plan.js";

// Prices per 1M tokens chosen so the arithmetic is easy to follow.
const pricing = createPricing({
  table: parsePricingTable({
    models: { fast: { input: 1, output: 2 }, slow: { input: 3, output: 6 }, embedder: { input: 0.5, output: 0 } },
  }),
});

const profile = (model: string, maxTokens = 4096): AgentProfile => ({ model, maxTokens, systemPromptTokens: 10, memoryTokens: 5 });

function context(observations: Record<string, ModelObservation> = {}, agents: Record<string, AgentProfile> = { Fast: profile("fast") }): EstimateContext {
  return {
    request: "",
    agents: new Map(Object.entries(agents)),
    observations: new Map(Object.entries(observations)),
    pricing,
    embeddingModel: "embedder",
  };
}

function task(taskId: string, agent: string, dependencies: string[] = []): PlannedTask {
  return { taskId, description: `Describe ${taskId} in detail`, agent, dependencies, expectedOutput: "A paragraph" };
}

const taskTokens = (taskId: string) => countTokens(`Describe ${taskId} in detail`) + countTokens("A paragraph") + estimateDefaults.framingTokens;

describe("estimatePlan", () => {
  it("prices a task of an unobserved model with the default output and duration, embeddings included", () => {
    const { tasks, total } = estimatePlan({ tasks: [task("t1", "Fast")] }, context());

    const prompt = taskTokens("t1");
    const input = 10 + 5 + prompt;
    const llmCost = (input * 1 + 800 * 2) / 1_000_000;
    const embeddingCost = ((2 * prompt + 800) * 0.5) / 1_000_000;
    expect(tasks.get("t1")).toEqual({
      inputTokens: input,
      outputTokens: 800,
      costUsd: expect.closeTo(llmCost + embeddingCost, 12) as number,
      durationMilliseconds: 1000 + 800 * 20,
    });
    expect(total).toEqual({ totalCostUsd: tasks.get("t1")!.costUsd, totalDurationMilliseconds: 17_000 });
  });

  it("uses the model's observed means, capped by the agent's max_tokens", () => {
    const observed = { fast: { count: 3, meanMilliseconds: 1500.4, meanOutputTokens: 400.4 } };

    const uncapped = estimatePlan({ tasks: [task("t1", "Fast")] }, context(observed)).tasks.get("t1")!;
    const capped = estimatePlan({ tasks: [task("t1", "Capped")] }, context(observed, { Capped: profile("fast", 300) })).tasks.get("t1")!;

    expect(uncapped).toMatchObject({ outputTokens: 400, durationMilliseconds: 1500 });
    expect(capped).toMatchObject({ outputTokens: 300, durationMilliseconds: 1500 });
  });

  it("feeds dependency outputs into the input and takes the critical path, not the sum, as the duration", () => {
    const observations = {
      fast: { count: 1, meanMilliseconds: 1000, meanOutputTokens: 100 },
      slow: { count: 1, meanMilliseconds: 5000, meanOutputTokens: 300 },
    };
    const agents = { Fast: profile("fast"), Slow: profile("slow") };
    const graph = { tasks: [task("a", "Fast"), task("b", "Slow", ["a"]), task("c", "Fast", ["a"]), task("d", "Fast", ["b", "c"])] };

    const { tasks, total } = estimatePlan(graph, context(observations, agents));

    expect(tasks.get("a")!.inputTokens).toBe(15 + taskTokens("a"));
    expect(tasks.get("b")!.inputTokens).toBe(15 + taskTokens("b") + 100);
    expect(tasks.get("d")!.inputTokens).toBe(15 + taskTokens("d") + 300 + 100);
    expect(total.totalDurationMilliseconds).toBe(1000 + 5000 + 1000);
    const sum = [...tasks.values()].reduce((costs, estimate) => costs + estimate.costUsd, 0);
    expect(total.totalCostUsd).toBeCloseTo(sum, 15);
    const slowInput = 15 + taskTokens("b") + 100;
    expect(tasks.get("b")!.costUsd).toBeCloseTo((slowInput * 3 + 300 * 6) / 1_000_000 + ((2 * (taskTokens("b") + 100) + 300) * 0.5) / 1_000_000, 15);
  });
});
