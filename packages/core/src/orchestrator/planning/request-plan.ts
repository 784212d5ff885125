import { AppError, isAppError } from "../../errors/app-error.js";
import type { ChatMessage, Completion, CompletionRequest, LlmClient } from "../../llm/llm-client.js";
import type { Pricing } from "../../llm/pricing.js";
import type { Metrics } from "../../metrics/metrics.js";
import type { PlanGraph } from "../plan-graph.js";
import { planResponseFormat, parsePlanReply } from "./plan-reply.js";
import { plannerMessages, repairMessages, type RosterAgent } from "./planner-prompt.js";
import { validatePlanGraph, type PlanProblem } from "./validate-plan-graph.js";

export interface PlanningUsage {
  model: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export const emptyPlanningUsage = (model: string): PlanningUsage => ({ model, calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 });

export interface RequestPlanOptions {
  model: string;
  request: string;
  roster: readonly RosterAgent[];
  /** Every call made is added here, failed planning included, so its cost is never lost. */
  usage: PlanningUsage;
  signal?: AbortSignal | undefined;
}

/** Room for a 50-task plan with full descriptions. */
const plannerMaxTokens = 8192;

type Verdict = { ok: true; graph: PlanGraph } | { ok: false; malformed: string } | { ok: false; problems: PlanProblem[] };

function judge(content: string, agentNames: readonly string[]): Verdict {
  const reply = parsePlanReply(content);
  if (!reply.ok) return { ok: false, malformed: reply.reason };
  const problems = validatePlanGraph(reply.graph, agentNames);
  return problems.length === 0 ? { ok: true, graph: reply.graph } : { ok: false, problems };
}

// A provider that does not know `response_format: json_schema` answers 400 or 422; the prompt alone asks for JSON too.
const refusesResponseFormat = (error: unknown) =>
  isAppError(error) && error.code === "LLM_REQUEST_REJECTED" && [400, 422].includes(Number(error.details.providerStatus));

/**
 * Asks the model for a plan over the roster, checks it, and on a malformed or invalid answer asks
 * once more with the precise problems. A second failure is final: PLAN_INVALID with the problems
 * when the plan was readable but wrong, PLANNING_FAILED when it was not readable at all.
 */
export async function requestPlan(
  { llm, pricing, metrics }: { llm: LlmClient; pricing: Pricing; metrics: Metrics },
  options: RequestPlanOptions,
): Promise<{ graph: PlanGraph }> {
  const { model, request, roster, usage, signal } = options;
  const agentNames = roster.map((agent) => agent.name);
  let responseFormat: CompletionRequest["responseFormat"] = planResponseFormat(agentNames);

  async function ask(messages: ChatMessage[]): Promise<Completion> {
    const call = (format: CompletionRequest["responseFormat"]) =>
      llm.complete({ model, messages, temperature: 0, maxTokens: plannerMaxTokens, ...(format ? { responseFormat: format } : {}) }, { signal });
    let completion: Completion;
    try {
      completion = await call(responseFormat);
    } catch (error) {
      if (!responseFormat || !refusesResponseFormat(error)) throw error;
      responseFormat = undefined;
      completion = await call(undefined);
    }
    const cost = completion.costUsd ?? pricing.costOf(completion.model, completion.usage);
    usage.calls += 1;
    usage.promptTokens += completion.usage.promptTokens;
    usage.completionTokens += completion.usage.completionTokens;
    usage.costUsd += cost;
    metrics.llmTokens.inc({ model: completion.model, kind: "prompt" }, completion.usage.promptTokens);
    metrics.llmTokens.inc({ model: completion.model, kind: "completion" }, completion.usage.completionTokens);
    metrics.llmCostDollars.inc({ model: completion.model }, cost);
    return completion;
  }

  const messages = plannerMessages(request, roster);
  const first = await ask(messages);
  const firstVerdict = judge(first.content, agentNames);
  if (firstVerdict.ok) return { graph: firstVerdict.graph };

  const retry = repairMessages(messages, first.content, "problems" in firstVerdict ? firstVerdict.problems : firstVerdict.malformed);
  const second = await ask(retry);
  const verdict = judge(second.content, agentNames);
  if (verdict.ok) return { graph: verdict.graph };
  if ("problems" in verdict) throw planInvalid(verdict.problems);
  throw new AppError("PLANNING_FAILED", "The model did not produce a readable plan, even when asked again.", {
    details: { reason: verdict.malformed, attempts: 2 },
  });
}

export function planInvalid(problems: readonly PlanProblem[]): AppError {
  const [first] = problems;
  return new AppError("PLAN_INVALID", `The plan was rejected: ${problems.map((problem) => problem.message).join(" ")}`, {
    details: { reason: first?.problem ?? "invalid", problems: [...problems] },
  });
}
