import type { LlmClient } from "../../llm/llm-client.js";
import type { LlmLogger } from "../../llm/llm-logger.js";
import type { Pricing } from "../../llm/pricing.js";
import type { DependencyOutput } from "./task-input.js";

export interface Synthesis {
  model: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface FinalAnswer {
  content: string;
  sourceTaskIds: string[];
  /** The combining call, when there was more than one result to combine and it succeeded. */
  synthesis: Synthesis | null;
}

export interface ComposeFinalAnswerOptions {
  request: string;
  /** The results the answer is made of (see `answerSources`), in plan order. */
  sources: readonly DependencyOutput[];
  model: string;
  signal: AbortSignal;
}

const synthesisInstructions =
  "You combine the results of several steps into one answer to the user's request. Keep every fact, figure and piece of code that matters; " +
  "drop repetition; do not mention the steps or that results were combined. Answer in the language of the request.";

function concatenated(sources: readonly DependencyOutput[]): string {
  return sources.map(({ taskId, output }) => `### ${taskId}\n${output.trim()}`).join("\n\n");
}

/**
 * The plan's answer: the one final result as it is, or several combined by one short model call.
 * Should that call fail, the results are given side by side rather than losing the work; a
 * cancellation or shutdown (the signal) is not such a failure and is thrown.
 */
export async function composeFinalAnswer(
  { llm, pricing, logger }: { llm: LlmClient; pricing: Pricing; logger: LlmLogger },
  { request, sources, model, signal }: ComposeFinalAnswerOptions,
): Promise<FinalAnswer | undefined> {
  const sourceTaskIds = sources.map((source) => source.taskId);
  if (sources.length === 0) return undefined;
  if (sources.length === 1) return { content: sources[0]!.output, sourceTaskIds, synthesis: null };
  try {
    const completion = await llm.complete(
      {
        model,
        messages: [
          { role: "system", content: synthesisInstructions },
          { role: "user", content: `Request: ${request}\n\n## Results\n\n${concatenated(sources)}` },
        ],
      },
      { signal },
    );
    const usage = { promptTokens: completion.usage.promptTokens, completionTokens: completion.usage.completionTokens };
    const costUsd = completion.costUsd ?? pricing.costOf(completion.model, completion.usage);
    return { content: completion.content, sourceTaskIds, synthesis: { model: completion.model, ...usage, costUsd } };
  } catch (error) {
    if (signal.aborted) throw error;
    logger.warn("could not combine the plan's results; answering with them side by side", { error: String(error) });
    return { content: concatenated(sources), sourceTaskIds, synthesis: null };
  }
}

/** A final answer composed ahead of the plan's end, from the answers as the run holds them. */
export interface EarlyFinalAnswer {
  sources: readonly DependencyOutput[];
  answer: Promise<FinalAnswer | undefined>;
  /** Stops its model call once nothing will use it. */
  discard(): void;
}

/** Starts composing at once; the plan's end uses the result only for the very sources it stored (see `hasSources`). */
export function startFinalAnswer(deps: { llm: LlmClient; pricing: Pricing; logger: LlmLogger }, options: ComposeFinalAnswerOptions): EarlyFinalAnswer {
  const discarded = new AbortController();
  const answer = composeFinalAnswer(deps, { ...options, signal: AbortSignal.any([options.signal, discarded.signal]) });
  // Whoever uses it awaits it; a discarded one fails unheard.
  answer.catch(() => undefined);
  return { sources: options.sources, answer, discard: () => discarded.abort() };
}

export function hasSources(early: EarlyFinalAnswer, sources: readonly DependencyOutput[]): boolean {
  return (
    early.sources.length === sources.length &&
    early.sources.every((source, index) => source.taskId === sources[index]!.taskId && source.agentName === sources[index]!.agentName && source.output === sources[index]!.output)
  );
}
