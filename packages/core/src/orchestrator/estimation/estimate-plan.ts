import type { PlanEstimate, TaskEstimate } from "../../events/event-map.js";
import type { Pricing } from "../../llm/pricing.js";
import { countTokens } from "../../llm/token-count.js";
import type { PlannedTask, PlanGraph } from "../plan-graph.js";
import { longestPath, topologicalOrder } from "../planning/graph-order.js";

/** What estimating one agent's task needs to know about the agent. */
export interface AgentProfile {
  model: string;
  maxTokens: number;
  systemPromptTokens: number;
  /** Tokens of the memories a run is likely to recall into its prompt. */
  memoryTokens: number;
}

/** Running statistics of one model's finished calls (`model_latency_stats`). */
export interface ModelObservation {
  count: number;
  meanMilliseconds: number;
  meanOutputTokens: number;
}

export interface EstimateContext {
  /** The user's request, which every task's prompt carries for context. */
  request: string;
  /** By agent name. */
  agents: ReadonlyMap<string, AgentProfile>;
  /** By model name. */
  observations: ReadonlyMap<string, ModelObservation>;
  pricing: Pricing;
  /** Memory recall embeds each task's input, and remembering embeds input and answer. */
  embeddingModel: string;
}

/** Used until a model has been observed. */
export const estimateDefaults = {
  outputTokens: 800,
  /** Time to first token, roughly. */
  baseMilliseconds: 1000,
  /** About 50 tokens per second. */
  millisecondsPerOutputToken: 20,
  /** The wording around a task's description, expected output and dependency outputs. */
  framingTokens: 60,
} as const;

export interface PlanEstimateResult {
  tasks: Map<string, TaskEstimate>;
  total: PlanEstimate;
}

interface TaskShape {
  description: string;
  expectedOutput: string;
}

/**
 * One model call of `agent` on a task whose dependencies hand over `dependencyTokens`:
 * input = system prompt + recalled memories + request + task + dependency outputs;
 * output = the model's observed mean (or a default), capped by the agent's max_tokens;
 * cost = those tokens at the model's price plus the embedding calls; duration = the model's
 * observed mean latency (or a default that grows with the output).
 */
export function estimateCall(context: EstimateContext, agent: AgentProfile, task: TaskShape, dependencyTokens: number): TaskEstimate {
  const observed = context.observations.get(agent.model);
  const seen = observed !== undefined && observed.count > 0;
  const outputTokens = Math.min(agent.maxTokens, seen ? Math.round(observed.meanOutputTokens) : estimateDefaults.outputTokens);
  const taskTokens =
    countTokens(context.request) + countTokens(task.description) + countTokens(task.expectedOutput) + estimateDefaults.framingTokens + dependencyTokens;
  const inputTokens = agent.systemPromptTokens + agent.memoryTokens + taskTokens;
  const embeddingTokens = 2 * taskTokens + outputTokens;
  const costUsd =
    context.pricing.costOf(agent.model, { promptTokens: inputTokens, completionTokens: outputTokens }) +
    context.pricing.costOf(context.embeddingModel, { promptTokens: embeddingTokens, completionTokens: 0 });
  const durationMilliseconds = Math.round(
    seen ? observed.meanMilliseconds : estimateDefaults.baseMilliseconds + outputTokens * estimateDefaults.millisecondsPerOutputToken,
  );
  return { inputTokens, outputTokens, costUsd, durationMilliseconds };
}

/**
 * Per-task and total estimates of a validated plan. The total cost is the sum of the tasks; the
 * total duration is the critical path, since independent tasks run at the same time.
 */
export function estimatePlan(graph: PlanGraph, context: EstimateContext): PlanEstimateResult {
  const tasks = new Map<string, TaskEstimate>();
  for (const task of topologicalOrder(graph.tasks)) {
    const dependencyTokens = task.dependencies.reduce((sum, dependency) => sum + (tasks.get(dependency)?.outputTokens ?? 0), 0);
    tasks.set(task.taskId, estimateCall(context, profileOf(context, task), task, dependencyTokens));
  }
  const totalCostUsd = [...tasks.values()].reduce((sum, estimate) => sum + estimate.costUsd, 0);
  const totalDurationMilliseconds = longestPath(graph.tasks, (taskId) => tasks.get(taskId)?.durationMilliseconds ?? 0);
  return { tasks, total: { totalCostUsd, totalDurationMilliseconds } };
}

function profileOf(context: EstimateContext, task: PlannedTask): AgentProfile {
  const profile = context.agents.get(task.agent);
  if (!profile) throw new Error(`No agent profile for "${task.agent}"; validate the plan before estimating it`);
  return profile;
}
