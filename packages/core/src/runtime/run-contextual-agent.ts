import type { AgentConfig } from "@codelab/contracts";
import { isAppError } from "../errors/app-error.js";
import type { ChatMessage, Completion, CompletionOptions } from "../llm/llm-client.js";
import type { ToolCallOutcome } from "../tools/run-tool-call.js";
import type { MemoryScope } from "../memory/memory-store.js";
import type { AgentRuntime } from "./agent-runtime.js";
import type { AgentToolUse } from "./agent-tool-use.js";
import { buildAgentPrompt } from "./build-agent-prompt.js";
import { completeWithTools } from "./complete-with-tools.js";

export interface ContextualAgentInput extends CompletionOptions {
  scope: MemoryScope;
  config: AgentConfig;
  /** The conversation so far, oldest first. */
  history: readonly ChatMessage[];
  input: string;
  /** The agent's memory revision as the caller just read it, saving the memory search a read (see `SearchOptions.revision`). */
  memoryRevision?: number;
  /**
   * The exchange is written to memory once this settles true, and not at all if it settles false
   * (default: as soon as the model has answered): a caller whose next step is on someone's critical
   * path (storing a plan task's answer, which starts its dependents) lets that go first, and a
   * caller that discards the answer discards the memory with it.
   */
  rememberAfter?: Promise<boolean>;
  /**
   * Asked as the exchange is written: true when nobody will wait for the write soon, so that it may
   * be gathered with others into one statement (see `AddOptions.gather`). Default: written at once.
   */
  gatherMemoryWrite?: () => boolean;
  /** Stored with the remembered exchange, e.g. the session or plan it came from. */
  memoryMetadata?: Record<string, string>;
  /**
   * The caller's own writes show the agent's status, two writes fewer: BUSY before the turn starts
   * (a write that has finished, e.g. with the message that started the turn), READY in what
   * `onAnswer` writes. A failed or cancelled turn is still marked here.
   */
  statusShownByCaller?: boolean;
  /** Lets the agent call its tools; without it the agent answers from the model alone. */
  toolUse?: AgentToolUse;
  /**
   * What the caller does with the answer (store it, announce it). It runs as soon as the model has
   * answered, alongside remembering the exchange, so neither waits for the other; its failure fails the turn.
   */
  onAnswer?: (result: ContextualAgentResult) => Promise<void>;
}

/** A finished turn, with the write of the exchange to memory, which may still be under way. */
export interface ContextualAgentTurn extends ContextualAgentResult {
  /**
   * Settles once the exchange is stored in the agent's memory; never rejects (a failed write is
   * logged: the answer stands). The turn does not wait for it, so a caller whose next step does
   * not need it (a plan's dependent task) goes on at once; the caller decides when to wait.
   */
  remembered: Promise<void>;
}

export interface ContextualAgentResult {
  completion: Completion;
  cost: number;
  /** Every tool call of the turn, in the order the model made them. */
  toolCalls: ToolCallOutcome[];
  memoriesUsed: number;
  /** From the start of the turn to the model's complete answer. */
  latencyMilliseconds: number;
}

async function recall(runtime: AgentRuntime, scope: MemoryScope, query: string, { signal, revision }: { signal: AbortSignal | undefined; revision: number | undefined }) {
  const [vector] = await runtime.embedder.embed([query], { signal });
  const stopTimer = runtime.metrics.memorySearchSeconds.startTimer({ agent_id: scope.agentId });
  try {
    return await runtime.memory.search(scope, vector!, { ...runtime.recall, ...(revision === undefined ? {} : { revision }) });
  } finally {
    stopTimer();
  }
}

async function remember(
  runtime: AgentRuntime,
  scope: MemoryScope,
  { input, answer, metadata, gather }: { input: string; answer: string; metadata: Record<string, string>; gather: () => boolean },
) {
  const content = `Query: ${input}\nResponse: ${answer}`;
  const [vector] = await runtime.embedder.embed([content]);
  await runtime.memory.add(scope, [{ content, vector: vector!, metadata: { ...metadata, timestamp: runtime.clock.now().toISOString(), success: true } }], {
    gather: gather(),
  });
}

async function setStatus(runtime: AgentRuntime, scope: MemoryScope, status: "READY" | "BUSY" | "ERROR", reason: string | null) {
  // DISABLED is the user's decision; a run never overrides it.
  await runtime.db.userAgent.updateMany({
    where: { id: scope.agentId, projectId: scope.projectId, userId: scope.userId, status: { not: "DISABLED" } },
    data: { status, statusReason: reason },
  });
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Waits for every one, then fails with the first failure, if any: independent work runs side by side but never outlives the turn. */
async function settleAll(work: ReadonlyArray<Promise<unknown>>): Promise<void> {
  throwFirstFailure(await Promise.allSettled(work));
}

function throwFirstFailure(outcomes: ReadonlyArray<PromiseSettledResult<unknown>>): void {
  const failure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected");
  if (failure) throw failure.reason;
}

/**
 * One agent turn: recall what is relevant, ask the model with the session's recent history,
 * remember the exchange (see `remembered`), and account for tokens, cost and time. The agent shows BUSY meanwhile,
 * and ERROR with the reason when the turn fails.
 */
export async function runContextualAgent(runtime: AgentRuntime, request: ContextualAgentInput): Promise<ContextualAgentTurn> {
  const { scope, config, history, input, memoryRevision, signal, onDelta, onAnswer, rememberAfter, memoryMetadata = {}, toolUse, statusShownByCaller = false } = request;
  const { gatherMemoryWrite = () => false } = request;
  const startedAt = performance.now();
  const stopTimer = runtime.metrics.agentExecutionSeconds.startTimer({ agent_id: scope.agentId });
  // BUSY is written while the memory is searched and the model works. Its outcome is held (never an
  // unhandled rejection) and awaited before the final status, so a late BUSY cannot overwrite READY or ERROR.
  const markedBusy = Promise.allSettled(statusShownByCaller ? [] : [setStatus(runtime, scope, "BUSY", null)]);
  try {
    const memories = await recall(runtime, scope, input, { signal, revision: memoryRevision });
    const messages = buildAgentPrompt({
      systemPrompt: config.systemPrompt,
      memories,
      history,
      userMessage: input,
      historyTokenBudget: runtime.historyTokenBudget,
    });
    const { completion, cost, toolCalls } = await completeWithTools(runtime, { scope, config, messages, toolUse, signal, onDelta });
    const result = { completion, cost, toolCalls, memoriesUsed: memories.length, latencyMilliseconds: Math.round(performance.now() - startedAt) };
    runtime.metrics.llmTokens.inc({ model: completion.model, kind: "prompt" }, completion.usage.promptTokens);
    runtime.metrics.llmTokens.inc({ model: completion.model, kind: "completion" }, completion.usage.completionTokens);
    runtime.metrics.llmCostDollars.inc({ model: completion.model }, cost);
    // Starts on a later turn of the event loop: embedding the exchange is CPU work, and the caller's
    // next statement (storing the answer) is what the user or the plan waits for.
    const remembered = (rememberAfter ?? Promise.resolve(true))
      .then(async (keep) => {
        if (!keep) return;
        await nextTurn();
        await remember(runtime, scope, { input, answer: completion.content, metadata: memoryMetadata, gather: gatherMemoryWrite });
      })
      .catch((error: unknown) => {
        // The answer stands even when it cannot be remembered; the failure is reported, not hidden.
        runtime.logger.warn("could not store an agent exchange in memory", { agentId: scope.agentId, error: String(error) });
      });
    const markedReady = statusShownByCaller ? undefined : markedBusy.then(throwFirstFailure).then(() => setStatus(runtime, scope, "READY", null));
    await settleAll([onAnswer?.(result) ?? Promise.resolve(), markedReady ?? Promise.resolve()]);
    runtime.metrics.agentExecutions.inc({ agent_id: scope.agentId, status: "success" });
    return { ...result, remembered };
  } catch (error) {
    const cancelled = isAppError(error) && error.code === "LLM_CANCELLED";
    runtime.metrics.agentExecutions.inc({ agent_id: scope.agentId, status: cancelled ? "cancelled" : "error" });
    // Only the order matters here: a failed BUSY write is this error, or lesser than it.
    await markedBusy;
    await setStatus(runtime, scope, cancelled ? "READY" : "ERROR", cancelled ? null : isAppError(error) ? error.message : "internal error");
    throw error;
  } finally {
    stopTimer();
  }
}
