import OpenAI from "openai";
import type { ChatCompletionCreateParamsBase, ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ResponseFormatJSONSchema } from "openai/resources/shared";
import { createBoundedFetch } from "./bounded-fetch.js";
import { pauseUnlessStopped, startAttemptScope, startCallScope, type AttemptScope, type CallScope } from "./call-timers.js";
import type {
  ChatMessage,
  Completion,
  CompletionOptions,
  CompletionRequest,
  JsonSchemaResponseFormat,
  LlmClient,
  ToolCall,
  ToolSpec,
} from "./llm-client.js";
import { classifyFailure, MalformedResponseError, StreamIncompleteError, toAppError, type LlmFailure } from "./llm-failure.js";
import type { LlmLogger } from "./llm-logger.js";
import { createOutputCollector, DeltaHandlerError, truncateChars, type OutputCollector, type OutputLimits } from "./output-collector.js";
import type { Pricing } from "./pricing.js";
import { readChunkFields, readCompletionFields, toFinishReason, type ProviderFields } from "./provider-fields.js";
import { backoffDelayMs, type RetryPolicy } from "./retry-delay.js";
import { estimateUsage } from "./token-count.js";
import { createToolCallAssembler } from "./tool-call-assembler.js";

export interface LlmTimeouts {
  /**
   * Streaming calls: until the provider starts answering (response headers). A non-streamed answer's
   * headers come with the whole answer, so there only `totalMs` applies.
   */
  connectMs: number;
  /** Streaming calls: the longest silence between two chunks. */
  idleMs: number;
  /** The whole call: every attempt and every backoff wait. */
  totalMs: number;
}

export interface OpenAiLlmClientOptions {
  /** Without a key (a local server, a LiteLLM proxy without auth) no Authorization header is sent. */
  apiKey: string | undefined;
  /** From server configuration only, never from user input. */
  baseUrl: string;
  timeouts: LlmTimeouts;
  retry: RetryPolicy;
  limits: OutputLimits;
  /** When given, every completion carries its `costUsd`. */
  pricing?: Pricing;
  logger?: LlmLogger;
}

interface AttemptResult {
  content: string;
  toolCalls: ToolCall[];
  finishReason: Completion["finishReason"];
  usage: ProviderFields["usage"];
}

/**
 * The real provider: any OpenAI-compatible Chat Completions endpoint through the `openai` SDK.
 * The SDK's own retries are off (`maxRetries: 0`): retries, timeouts and limits are all decided here,
 * in one place.
 */
export function createOpenAiLlmClient(options: OpenAiLlmClientOptions): LlmClient {
  const { timeouts, retry, limits, pricing, logger } = options;
  const openai = new OpenAI({
    apiKey: options.apiKey ?? "unused",
    baseURL: options.baseUrl,
    // Explicit, so the SDK never falls back to reading OPENAI_ORG_ID / OPENAI_PROJECT_ID itself.
    organization: null,
    project: null,
    ...(options.apiKey ? {} : { defaultHeaders: { Authorization: null } }),
    maxRetries: 0,
    // Our timers decide; the SDK's (until response headers) only backs them up.
    timeout: timeouts.totalMs + 1000,
    // JSON escapes can turn one character into six bytes.
    fetch: createBoundedFetch({ maxLineBytes: limits.maxChunkChars * 6 + 16_384, maxBodyBytes: limits.maxOutputChars * 6 + 65_536 }),
  });

  async function streamAttempt(body: ChatCompletionCreateParamsBase, attempt: AttemptScope, output: OutputCollector): Promise<AttemptResult> {
    attempt.awaitFirstByte();
    const stream = await openai.chat.completions.create(
      { ...body, stream: true, stream_options: { include_usage: true } },
      { signal: attempt.signal },
    );
    attempt.chunkReceived();
    let finishReason: string | undefined;
    let usage: ProviderFields["usage"];
    const toolCalls = createToolCallAssembler(limits.maxOutputChars);
    try {
      for await (const chunk of stream) {
        attempt.chunkReceived();
        const fields = readChunkFields(chunk);
        if (fields.toolCalls) toolCalls.add(fields.toolCalls);
        if (fields.content && !output.append(fields.content)) {
          // Leaving the loop makes the SDK abort the request: the rest of the answer is never downloaded.
          attempt.stop("output-capped");
          break;
        }
        finishReason ??= fields.finishReason;
        usage = fields.usage ?? usage;
      }
    } catch (error) {
      // Once the finish reason is in, the answer is whole: a connection lost while waiting for the usage chunk only costs the usage.
      if (finishReason === undefined) throw error;
    }
    // A capped answer's tool calls may be cut short too, so none of them is run.
    if (output.capped) return { content: output.text, toolCalls: [], finishReason: "length", usage: undefined };
    // The SDK ends the iteration silently when its request is aborted; the stop reason (if any) says why.
    if (finishReason === undefined || attempt.reason === "cancelled") throw new StreamIncompleteError();
    return { content: output.text, toolCalls: toolCalls.calls(), finishReason: toFinishReason(finishReason), usage };
  }

  async function jsonAttempt(body: ChatCompletionCreateParamsBase, attempt: AttemptScope): Promise<AttemptResult> {
    const completion: unknown = await openai.chat.completions.create({ ...body, stream: false }, { signal: attempt.signal });
    const fields = readCompletionFields(completion);
    if (fields.content === undefined) throw new MalformedResponseError();
    const content = truncateChars(fields.content, limits.maxOutputChars);
    const capped = content.length < fields.content.length;
    const toolCalls = createToolCallAssembler(limits.maxOutputChars);
    if (fields.toolCalls && !capped) toolCalls.add(fields.toolCalls);
    return {
      content,
      toolCalls: toolCalls.calls(),
      finishReason: capped ? "length" : toFinishReason(fields.finishReason ?? "other"),
      usage: capped ? undefined : fields.usage,
    };
  }

  /** The wait before the next attempt, or undefined when the call should fail now. */
  function delayBeforeRetry(failure: LlmFailure, attempts: number, call: CallScope): number | undefined {
    if (!failure.retryable || attempts >= retry.maxAttempts) return undefined;
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > retry.maxRetryAfterMs) return undefined;
    const delay = failure.retryAfterMs ?? backoffDelayMs(attempts, retry);
    return delay < call.remainingMs() ? delay : undefined;
  }

  return {
    async complete(request: CompletionRequest, { signal, onDelta }: CompletionOptions = {}): Promise<Completion> {
      const streaming = onDelta !== undefined;
      const body = toRequestBody(request);
      const call = startCallScope({ signal, totalMs: timeouts.totalMs });
      const output = createOutputCollector(limits, onDelta);
      let upstreamMilliseconds = 0;
      try {
        for (let attempts = 1; ; attempts += 1) {
          const attempt = startAttemptScope(call, timeouts);
          const startedAt = performance.now();
          try {
            const result = streaming ? await streamAttempt(body, attempt, output) : await jsonAttempt(body, attempt);
            upstreamMilliseconds += performance.now() - startedAt;
            const usage = result.usage ? { ...result.usage, estimated: false } : estimateUsage(request.messages, result.content);
            return {
              content: result.content,
              toolCalls: result.toolCalls,
              model: request.model,
              usage,
              finishReason: result.finishReason,
              provider: "openai-compatible",
              upstreamMilliseconds,
              ...(pricing ? { costUsd: pricing.costOf(request.model, usage) } : {}),
            };
          } catch (error) {
            upstreamMilliseconds += performance.now() - startedAt;
            if (error instanceof DeltaHandlerError) throw error.cause;
            const failure = classifyFailure(error, { stopReason: attempt.reason, outputDelivered: output.delivered, streaming });
            const delay = delayBeforeRetry(failure, attempts, call);
            if (delay === undefined) throw toAppError(failure, attempts, error);
            logger?.warn("LLM request failed, retrying", {
              model: request.model,
              attempt: attempts,
              code: failure.code,
              ...failure.details,
              delayMs: Math.round(delay),
            });
            await pauseUnlessStopped(delay, call.signal);
            // Cancelled or out of time while waiting: fail as that, not as the failure that caused the wait.
            if (call.reason) throw toAppError(classifyFailure(error, { stopReason: call.reason, outputDelivered: false, streaming }), attempts, error);
          } finally {
            attempt.dispose();
          }
        }
      } finally {
        call.dispose();
      }
    },
  };
}

function toRequestBody(request: CompletionRequest): ChatCompletionCreateParamsBase {
  return {
    // Passed through untouched: a LiteLLM proxy routes on names such as `openrouter/openai/gpt-4.1`.
    model: request.model,
    messages: request.messages.map(toProviderMessage),
    ...(request.tools?.length ? { tools: request.tools.map(toProviderTool) } : {}),
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
    ...(request.maxTokens === undefined ? {} : { max_completion_tokens: request.maxTokens }),
    ...(request.responseFormat === undefined ? {} : { response_format: toResponseFormat(request.responseFormat) }),
  };
}

function toProviderMessage(message: ChatMessage): ChatCompletionMessageParam {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "assistant":
      return message.toolCalls?.length
        ? {
            role: "assistant",
            content: message.content || null,
            tool_calls: message.toolCalls.map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } })),
          }
        : { role: "assistant", content: message.content };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

function toProviderTool(tool: ToolSpec): ChatCompletionTool {
  return { type: "function", function: { name: tool.name, description: tool.description, parameters: tool.parameters } };
}

function toResponseFormat({ name, schema, strict }: JsonSchemaResponseFormat): ResponseFormatJSONSchema {
  return { type: "json_schema", json_schema: { name, schema, ...(strict === undefined ? {} : { strict }) } };
}
