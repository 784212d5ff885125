import type { AgentConfig } from "@codelab/contracts";
import { isAppError } from "../errors/app-error.js";
import type { ChatMessage, Completion, CompletionOptions } from "../llm/llm-client.js";
import type { MemoryScope, ScoredMemory } from "../memory/memory-store.js";
import type { AgentRuntime } from "./agent-runtime.js";
import { buildAgentPrompt } from "./build-agent-prompt.js";

export interface ContextualAgentInput extends CompletionOptions {
  scope: MemoryScope;
  config: AgentConfig;
  /** The conversation so far, oldest first. */
  history: readonly ChatMessage[];
  input: string;
  /** Stored with the remembered exchange, e.g. the session or plan it came from. */
  memoryMetadata?: Record<string, string>;
}

export interface ContextualAgentResult {
  completion: Completion;
  cost: number;
  memoriesUsed: number;
  latencyMilliseconds: number;
}

async function recall(runtime: AgentRuntime, scope: MemoryScope, query: string, signal: AbortSignal | undefined) {
  const [vector] = await runtime.embedder.embed([query], { signal });
  const stopTimer = runtime.metrics.memorySearchSeconds.startTimer({ agent_id: scope.agentId });
  try {
    return await runtime.memory.search(scope, vector!, runtime.recall);
  } finally {
    stopTimer();
  }
}

async function remember(runtime: AgentRuntime, scope: MemoryScope, input: string, answer: string, metadata: Record<string, string>) {
  const content = `Query: ${input}\nResponse: ${answer}`;
  const [vector] = await runtime.embedder.embed([content]);
  await runtime.memory.add(scope, [
    { content, vector: vector!, metadata: { ...metadata, timestamp: runtime.clock.now().toISOString(), success: true } },
  ]);
}

async function setStatus(runtime: AgentRuntime, scope: MemoryScope, status: "READY" | "BUSY" | "ERROR", reason: string | null) {
  // DISABLED is the user's decision; a run never overrides it.
  await runtime.db.userAgent.updateMany({
    where: { id: scope.agentId, projectId: scope.projectId, userId: scope.userId, status: { not: "DISABLED" } },
    data: { status, statusReason: reason },
  });
}

/**
 * One agent turn: recall what is relevant, ask the model with the session's recent history,
 * remember the exchange, and account for tokens, cost and time. The agent shows BUSY meanwhile,
 * and ERROR with the reason when the turn fails.
 */
export async function runContextualAgent(runtime: AgentRuntime, request: ContextualAgentInput): Promise<ContextualAgentResult> {
  const { scope, config, history, input, signal, onDelta, memoryMetadata = {} } = request;
  const startedAt = performance.now();
  const stopTimer = runtime.metrics.agentExecutionSeconds.startTimer({ agent_id: scope.agentId });
  await setStatus(runtime, scope, "BUSY", null);
  try {
    const memories: ScoredMemory[] = await recall(runtime, scope, input, signal);
    const messages = buildAgentPrompt({
      systemPrompt: config.systemPrompt,
      memories,
      history,
      userMessage: input,
      historyTokenBudget: runtime.historyTokenBudget,
    });
    const completion = await runtime.llm.complete(
      { model: config.model, messages, temperature: config.temperature, maxTokens: config.maxTokens },
      { signal, onDelta },
    );
    const cost = completion.costUsd ?? runtime.pricing.costOf(completion.model, completion.usage);
    try {
      await remember(runtime, scope, input, completion.content, memoryMetadata);
    } catch (error) {
      // The answer stands even when it cannot be remembered; the failure is reported, not hidden.
      runtime.logger.warn("could not store an agent exchange in memory", { agentId: scope.agentId, error: String(error) });
    }
    runtime.metrics.llmTokens.inc({ model: completion.model, kind: "prompt" }, completion.usage.promptTokens);
    runtime.metrics.llmTokens.inc({ model: completion.model, kind: "completion" }, completion.usage.completionTokens);
    runtime.metrics.llmCostDollars.inc({ model: completion.model }, cost);
    runtime.metrics.agentExecutions.inc({ agent_id: scope.agentId, status: "success" });
    await setStatus(runtime, scope, "READY", null);
    return { completion, cost, memoriesUsed: memories.length, latencyMilliseconds: Math.round(performance.now() - startedAt) };
  } catch (error) {
    const cancelled = isAppError(error) && error.code === "LLM_CANCELLED";
    runtime.metrics.agentExecutions.inc({ agent_id: scope.agentId, status: cancelled ? "cancelled" : "error" });
    await setStatus(runtime, scope, cancelled ? "READY" : "ERROR", cancelled ? null : isAppError(error) ? error.message : "internal error");
    throw error;
  } finally {
    stopTimer();
  }
}
