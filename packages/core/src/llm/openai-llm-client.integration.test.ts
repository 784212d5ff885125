import { startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { AppError } from "../errors/app-error.js";
import type { CompletionOptions, CompletionRequest } from "./llm-client.js";
import { createOpenAiLlmClient, type OpenAiLlmClientOptions } from "./openai-llm-client.js";
import { createPricing, parsePricingTable } from "./pricing.js";
import { countMessageTokens, countTokens } from "./token-count.js";

// The real `openai` SDK against our scripted OpenAI-compatible server on 127.0.0.1.
let llm: LlmTestServer;
beforeAll(async () => {
  llm = await startLlmTestServer();
});
afterEach(() => llm.reset());
afterAll(() => llm.close());

const defaults = {
  timeouts: { connectMs: 2_000, idleMs: 2_000, totalMs: 10_000 },
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
  limits: { maxChunkChars: 1_000, maxOutputChars: 10_000 },
};

function client(overrides: Partial<OpenAiLlmClientOptions> = {}) {
  return createOpenAiLlmClient({ apiKey: "test-key", baseUrl: llm.baseUrl, ...defaults, ...overrides });
}

const request: CompletionRequest = {
  model: "gpt-4.1",
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "Say hello" },
  ],
};

/** Streams `request` and keeps the deltas; resolves to the completion or the AppError. */
async function streamed(overrides: Partial<OpenAiLlmClientOptions> = {}, options: CompletionOptions = {}) {
  const deltas: string[] = [];
  const outcome = await client(overrides)
    .complete(request, { ...options, onDelta: (text) => deltas.push(text) })
    .catch((error: unknown) => error);
  return { outcome, deltas };
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("answers", () => {
  it("returns a plain (non-streamed) reply with the provider's usage", async () => {
    llm.enqueue({ kind: "text", text: "Hello!", usage: { promptTokens: 21, completionTokens: 2 } });
    const completion = await client().complete(request);
    expect(completion).toMatchObject({
      content: "Hello!",
      model: "gpt-4.1",
      finishReason: "stop",
      provider: "openai-compatible",
      usage: { promptTokens: 21, completionTokens: 2, estimated: false },
    });
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]?.body).toMatchObject({ model: "gpt-4.1", messages: request.messages });
    expect(llm.requests[0]?.body.stream).not.toBe(true);
    expect(llm.requests[0]?.headers.authorization).toBe("Bearer test-key");
  });

  it("passes the model name through untouched", async () => {
    llm.enqueue({ kind: "text", text: "ok" });
    const completion = await client().complete({ ...request, model: "openrouter/openai/gpt-4.1" });
    expect(llm.requests[0]?.body.model).toBe("openrouter/openai/gpt-4.1");
    expect(completion.model).toBe("openrouter/openai/gpt-4.1");
  });

  it("sends temperature and the token limit only when given", async () => {
    llm.enqueue({ kind: "text", text: "ok" }, { kind: "text", text: "ok" });
    await client().complete(request);
    await client().complete({ ...request, temperature: 0.2, maxTokens: 64 });
    expect(llm.requests[0]?.body).not.toHaveProperty("temperature");
    expect(llm.requests[0]?.body).not.toHaveProperty("max_completion_tokens");
    expect(llm.requests[1]?.body).toMatchObject({ temperature: 0.2, max_completion_tokens: 64 });
  });

  it("streams deltas in order and asks for usage in the final chunk", async () => {
    llm.enqueue({ kind: "text", text: "one two three four five", usage: { promptTokens: 9, completionTokens: 5 } });
    const { outcome, deltas } = await streamed();
    expect(deltas).toEqual(["one ", "two ", "three ", "four ", "five"]);
    expect(outcome).toMatchObject({ content: "one two three four five", usage: { promptTokens: 9, completionTokens: 5, estimated: false } });
    expect(llm.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("estimates usage with the tokenizer when the provider reports none", async () => {
    llm.enqueue({ kind: "text", text: "Hello there", usage: null }, { kind: "text", text: "Hello there", usage: null });
    const expected = { promptTokens: countMessageTokens(request.messages), completionTokens: countTokens("Hello there"), estimated: true };
    expect((await client().complete(request)).usage).toEqual(expected);
    expect((await streamed()).outcome).toMatchObject({ usage: expected });
  });

  it("prices the call when given a pricing table", async () => {
    llm.enqueue({ kind: "text", text: "ok", usage: { promptTokens: 1_000_000, completionTokens: 1_000_000 } });
    const pricing = createPricing({ table: parsePricingTable({ models: { "gpt-4.1": { input: 2, output: 8 } } }) });
    expect((await client({ pricing }).complete(request)).costUsd).toBeCloseTo(10, 10);
  });

  it("sends no Authorization header without an API key", async () => {
    llm.enqueue({ kind: "text", text: "ok" });
    await client({ apiKey: undefined }).complete(request);
    expect(llm.requests[0]?.headers).not.toHaveProperty("authorization");
  });
});

describe("retries", () => {
  it("waits as long as Retry-After asks on a 429, then succeeds on the second request", async () => {
    llm.enqueue({ kind: "error", status: 429, headers: { "retry-after": "1" } }, { kind: "text", text: "ok" });
    const logger = { warn: vi.fn() };
    expect((await client({ logger }).complete(request)).content).toBe("ok");
    expect(llm.requests).toHaveLength(2);
    const [first, second] = llm.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(logger.warn).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ providerStatus: 429, delayMs: 1000 }));
  });

  it("fails at once when Retry-After asks for more than the cap", async () => {
    llm.enqueue({ kind: "error", status: 429, headers: { "retry-after": "30" } });
    const error = await failureOf(client().complete(request));
    expect(error.code).toBe("LLM_UNAVAILABLE");
    expect(error.details).toMatchObject({ providerStatus: 429, retryAfterMs: 30_000, attempts: 1 });
    expect(llm.requests).toHaveLength(1);
  });

  it("does not retry a 429 that reports an exhausted quota", async () => {
    llm.enqueue({ kind: "error", status: 429, body: { error: { message: "quota", type: "insufficient_quota", code: "insufficient_quota" } } });
    const error = await failureOf(client().complete(request));
    expect(error.code).toBe("LLM_REQUEST_REJECTED");
    expect(llm.requests).toHaveLength(1);
  });

  it("retries 5xx answers up to the attempt limit", async () => {
    llm.enqueue({ kind: "error", status: 500 }, { kind: "error", status: 503 }, { kind: "text", text: "ok" });
    expect((await client().complete(request)).content).toBe("ok");
    expect(llm.requests).toHaveLength(3);
  });

  it("gives up after the last attempt with LLM_UNAVAILABLE", async () => {
    llm.handle(() => ({ kind: "error", status: 502 }));
    const error = await failureOf(client().complete(request));
    expect(error.code).toBe("LLM_UNAVAILABLE");
    expect(error.details).toMatchObject({ providerStatus: 502, attempts: 3 });
    expect(llm.requests).toHaveLength(3);
  });

  it("retries a connection reset", async () => {
    llm.enqueue({ kind: "reset" }, { kind: "text", text: "ok" });
    expect((await client().complete(request)).content).toBe("ok");
    expect(llm.requests).toHaveLength(2);
  });

  it("retries a stream cut before any text reached the caller", async () => {
    llm.enqueue({ kind: "text", text: "lost", cutAfterChunks: 0 }, { kind: "text", text: "ok" });
    const { outcome, deltas } = await streamed();
    expect(outcome).toMatchObject({ content: "ok" });
    expect(deltas).toEqual(["ok"]);
    expect(llm.requests).toHaveLength(2);
  });

  it.each([400, 401, 403, 404, 422])("does not retry a %i", async (status) => {
    llm.enqueue({ kind: "error", status });
    const error = await failureOf(client().complete(request));
    expect(error.code).toBe("LLM_REQUEST_REJECTED");
    expect(error.details).toMatchObject({ providerStatus: status, attempts: 1 });
    expect(llm.requests).toHaveLength(1);
  });
});

describe("timeouts and cancellation", () => {
  it("fails with an idle timeout when chunks stop coming, without retrying once text was delivered", async () => {
    llm.enqueue({ kind: "text", text: "one two three", delayBetweenChunksMs: 1_000 });
    const { outcome, deltas } = await streamed({ timeouts: { connectMs: 1_000, idleMs: 100, totalMs: 10_000 } });
    expect(outcome).toBeInstanceOf(AppError);
    expect(outcome).toMatchObject({ code: "LLM_TIMEOUT", details: { timeout: "idle", attempts: 1 } });
    expect(deltas).toEqual(["one "]);
    expect(llm.requests).toHaveLength(1);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
  });

  it("retries a provider that does not start answering within the connect timeout", async () => {
    llm.handle(() => ({ kind: "hang" }));
    const { outcome } = await streamed({
      timeouts: { connectMs: 100, idleMs: 1_000, totalMs: 10_000 },
      retry: { ...defaults.retry, maxAttempts: 2 },
    });
    expect(outcome).toMatchObject({ code: "LLM_TIMEOUT", details: { timeout: "connect", attempts: 2 } });
    expect(llm.requests).toHaveLength(2);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(2));
  });

  it("stops a steadily streaming answer at the total timeout", async () => {
    llm.enqueue({ kind: "text", text: "a b c d e f g h i j", chunks: 10, delayBetweenChunksMs: 60 });
    const { outcome } = await streamed({ timeouts: { connectMs: 1_000, idleMs: 500, totalMs: 300 } });
    expect(outcome).toMatchObject({ code: "LLM_TIMEOUT", details: { timeout: "total" } });
    expect(llm.requests).toHaveLength(1);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
  });

  it("gives up on a non-streamed call that hangs at the total timeout", async () => {
    llm.handle(() => ({ kind: "hang" }));
    const error = await failureOf(client({ timeouts: { connectMs: 50, idleMs: 50, totalMs: 300 } }).complete(request));
    expect(error.code).toBe("LLM_TIMEOUT");
    expect(error.details).toMatchObject({ timeout: "total", attempts: 1 });
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
  });

  it("closes the upstream request when the caller aborts mid-stream", async () => {
    llm.enqueue({ kind: "text", text: "one two three four", delayBetweenChunksMs: 200 });
    const controller = new AbortController();
    const deltas: string[] = [];
    const pending = client().complete(request, {
      signal: controller.signal,
      onDelta: (text) => {
        deltas.push(text);
        controller.abort();
      },
    });
    const error = await failureOf(pending);
    expect(error.code).toBe("LLM_CANCELLED");
    expect(deltas).toEqual(["one "]);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
    expect(llm.inFlight).toBe(0);
    expect(llm.requests).toHaveLength(1);
  });

  it("cancels a call still waiting for the provider", async () => {
    llm.enqueue({ kind: "hang" });
    const controller = new AbortController();
    const pending = client().complete(request, { signal: controller.signal });
    await vi.waitFor(() => expect(llm.inFlight).toBe(1));
    controller.abort();
    expect((await failureOf(pending)).code).toBe("LLM_CANCELLED");
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
  });

  it("cancels during a backoff wait without another request", async () => {
    llm.enqueue({ kind: "error", status: 429, headers: { "retry-after": "1" } });
    const controller = new AbortController();
    const pending = client().complete(request, { signal: controller.signal });
    await vi.waitFor(() => expect(llm.requests).toHaveLength(1));
    controller.abort();
    expect((await failureOf(pending)).code).toBe("LLM_CANCELLED");
    expect(llm.requests).toHaveLength(1);
  });
});

describe("incomplete and oversized answers", () => {
  it("reports a stream cut mid-way as interrupted and never retries it", async () => {
    llm.enqueue({ kind: "text", text: "one two three four", cutAfterChunks: 2 });
    const { outcome, deltas } = await streamed();
    expect(outcome).toMatchObject({ code: "LLM_STREAM_INTERRUPTED", details: { attempts: 1 } });
    expect(deltas).toEqual(["one ", "two "]);
    expect(llm.requests).toHaveLength(1);
  });

  it("keeps a whole answer whose connection closed after the finish reason, estimating usage", async () => {
    llm.enqueue({ kind: "text", text: "whole answer", usage: { promptTokens: 1, completionTokens: 1 }, cutAfterChunks: 3 });
    const { outcome } = await streamed();
    expect(outcome).toMatchObject({ content: "whole answer", finishReason: "stop", usage: { estimated: true } });
    expect(llm.requests).toHaveLength(1);
  });

  it("reports a stream that ends without a finish reason as interrupted", async () => {
    llm.enqueue({ kind: "text", text: "looks complete", finishReason: null });
    const { outcome } = await streamed();
    expect(outcome).toMatchObject({ code: "LLM_STREAM_INTERRUPTED" });
    expect(llm.requests).toHaveLength(1);
  });

  it("reports a non-streamed body cut mid-way as unavailable after retrying it", async () => {
    llm.handle(() => ({ kind: "text", text: "whole answer", cutAfterChunks: 1 }));
    const error = await failureOf(client().complete(request));
    expect(error.code).toBe("LLM_UNAVAILABLE");
    expect(llm.requests).toHaveLength(3);
  });

  it("caps a streamed answer at the output limit and closes the upstream request", async () => {
    llm.enqueue({ kind: "text", text: "x".repeat(500), chunks: 10, delayBetweenChunksMs: 20 });
    const { outcome, deltas } = await streamed({ limits: { maxChunkChars: 100, maxOutputChars: 120 } });
    expect(outcome).toMatchObject({ content: "x".repeat(120), finishReason: "length", usage: { estimated: true } });
    expect(deltas.join("")).toHaveLength(120);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
  });

  it("caps a non-streamed answer at the output limit", async () => {
    llm.enqueue({ kind: "text", text: "y".repeat(500) });
    const completion = await client({ limits: { maxChunkChars: 100, maxOutputChars: 120 } }).complete(request);
    expect(completion).toMatchObject({ content: "y".repeat(120), finishReason: "length" });
  });

  it("rejects a streamed chunk over the chunk limit without retrying", async () => {
    llm.enqueue({ kind: "text", text: "z".repeat(300), chunks: 1 });
    const { outcome } = await streamed({ limits: { maxChunkChars: 100, maxOutputChars: 10_000 } });
    expect(outcome).toMatchObject({ code: "LLM_UNAVAILABLE", details: { reason: "response-too-large" } });
    expect(llm.requests).toHaveLength(1);
  });
});

describe("the caller's onDelta", () => {
  it("gets its own error back, with the upstream request closed and nothing retried", async () => {
    llm.enqueue({ kind: "text", text: "one two three", delayBetweenChunksMs: 50 });
    const failure = new Error("event bus down");
    const pending = client().complete(request, {
      onDelta: () => {
        throw failure;
      },
    });
    await expect(pending).rejects.toBe(failure);
    expect(llm.requests).toHaveLength(1);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
  });
});
