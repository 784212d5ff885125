import { AppError, type JsonValue } from "../errors/app-error.js";
import { pauseUnlessStopped } from "./call-timers.js";
import type { Completion, CompletionRequest, LlmClient } from "./llm-client.js";
import { asksForJson, composeOfflineAnswer, defaultOfflineJson, offlineModelName, offlineNotice } from "./offline-answer.js";
import { chooseOfflineToolCall, composeOfflineToolReport } from "./offline-tool-use.js";
import { countMessageTokens, countTokens } from "./token-count.js";

export interface OfflineLlmClientOptions {
  /** Pause between streamed words, so streaming is visible in the UI; default 15 ms. */
  wordPauseMs?: number;
  /**
   * Builds the answer to a request that asks for JSON (see `asksForJson`), e.g. a plan; default
   * `defaultOfflineJson`. An `offline_notice` property is put first so the reply stays labelled.
   */
  jsonAnswer?: (request: CompletionRequest) => Record<string, JsonValue>;
}

/**
 * The built-in offline model, used when no provider is configured: a documented provider (not a
 * test double) that answers every request deterministically from its input, streams word by word
 * and reports usage. It ignores `temperature` and `maxTokens`.
 */
export function createOfflineLlmClient({ wordPauseMs = 15, jsonAnswer = defaultOfflineJson }: OfflineLlmClientOptions = {}): LlmClient {
  return {
    async complete(request, { signal, onDelta } = {}): Promise<Completion> {
      const startedAt = performance.now();
      throwIfCancelled(signal);
      const toolCall = chooseOfflineToolCall(request);
      const content = toolCall
        ? ""
        : asksForJson(request)
          ? JSON.stringify({ offline_notice: offlineNotice, ...jsonAnswer(request) }, null, 2)
          : (composeOfflineToolReport(request) ?? composeOfflineAnswer(request));
      if (onDelta) {
        for (const [index, word] of (content.match(/\s*\S+\s*/g) ?? []).entries()) {
          if (index > 0) await pauseUnlessStopped(wordPauseMs, signal);
          throwIfCancelled(signal);
          onDelta(word);
        }
      }
      return {
        content,
        toolCalls: toolCall ? [toolCall] : [],
        model: offlineModelName,
        usage: { promptTokens: countMessageTokens(request.messages), completionTokens: countTokens(content), estimated: false },
        finishReason: toolCall ? "tool_calls" : "stop",
        provider: "offline",
        upstreamMilliseconds: performance.now() - startedAt,
        costUsd: 0,
      };
    },
  };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("LLM_CANCELLED", "The language model call was cancelled.");
}
