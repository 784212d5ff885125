import { APIConnectionError, APIError, APIUserAbortError } from "openai";
import { describe, expect, it } from "vitest";
import { ResponseTooLargeError } from "./bounded-fetch.js";
import { classifyFailure, MalformedResponseError, StreamIncompleteError, toAppError, type FailureContext } from "./llm-failure.js";

const fresh: FailureContext = { stopReason: undefined, outputDelivered: false, streaming: true };
const statusError = (status: number, headers: Record<string, string> = {}, code?: string) =>
  APIError.generate(status, { error: { message: "nope", ...(code ? { code } : {}) } }, undefined, new Headers(headers));

describe("classifyFailure", () => {
  it("explains an abort by our own stop reason, whatever the SDK threw", () => {
    const aborted = new APIUserAbortError();
    expect(classifyFailure(aborted, { ...fresh, stopReason: "cancelled" })).toMatchObject({ code: "LLM_CANCELLED", retryable: false });
    expect(classifyFailure(aborted, { ...fresh, stopReason: "total-timeout" })).toMatchObject({
      code: "LLM_TIMEOUT",
      details: { timeout: "total" },
      retryable: false,
    });
    expect(classifyFailure(aborted, { ...fresh, stopReason: "connect-timeout" })).toMatchObject({ code: "LLM_TIMEOUT", retryable: true });
  });

  it("retries an idle timeout only while no text reached the caller", () => {
    expect(classifyFailure(undefined, { ...fresh, stopReason: "idle-timeout" }).retryable).toBe(true);
    expect(classifyFailure(undefined, { ...fresh, stopReason: "idle-timeout", outputDelivered: true }).retryable).toBe(false);
  });

  it("retries 429 and 5xx with the provider's Retry-After, and names the status", () => {
    expect(classifyFailure(statusError(429, { "retry-after": "3" }), fresh)).toMatchObject({
      code: "LLM_UNAVAILABLE",
      retryable: true,
      retryAfterMs: 3000,
      details: { providerStatus: 429, retryAfterMs: 3000 },
    });
    expect(classifyFailure(statusError(503), fresh)).toMatchObject({ code: "LLM_UNAVAILABLE", retryable: true, details: { providerStatus: 503 } });
  });

  it("rejects other 4xx and an exhausted quota without retrying", () => {
    expect(classifyFailure(statusError(400), fresh)).toMatchObject({ code: "LLM_REQUEST_REJECTED", retryable: false });
    expect(classifyFailure(statusError(408), fresh)).toMatchObject({ code: "LLM_REQUEST_REJECTED", retryable: false });
    expect(classifyFailure(statusError(429, {}, "insufficient_quota"), fresh)).toMatchObject({
      code: "LLM_REQUEST_REJECTED",
      details: { providerCode: "insufficient_quota" },
      retryable: false,
    });
  });

  it("retries a connection failure", () => {
    expect(classifyFailure(new APIConnectionError({ message: "reset" }), fresh)).toMatchObject({ code: "LLM_UNAVAILABLE", retryable: true });
  });

  it("treats a broken stream as interrupted, retryable only before output", () => {
    const broken = new TypeError("terminated");
    expect(classifyFailure(broken, fresh)).toMatchObject({ code: "LLM_STREAM_INTERRUPTED", retryable: true });
    expect(classifyFailure(broken, { ...fresh, outputDelivered: true })).toMatchObject({ code: "LLM_STREAM_INTERRUPTED", retryable: false });
    expect(classifyFailure(new StreamIncompleteError(), { ...fresh, outputDelivered: true }).retryable).toBe(false);
  });

  it("never retries an oversized or malformed answer", () => {
    expect(classifyFailure(new ResponseTooLargeError(10), fresh)).toMatchObject({ code: "LLM_UNAVAILABLE", retryable: false });
    expect(classifyFailure(new MalformedResponseError(), { ...fresh, streaming: false })).toMatchObject({ retryable: false });
  });
});

describe("toAppError", () => {
  it("keeps the provider's error as the cause, out of the details", () => {
    const providerError = statusError(401);
    const error = toAppError(classifyFailure(providerError, fresh), 1, providerError);
    expect(error.details).toEqual({ providerStatus: 401, attempts: 1 });
    expect(error.cause).toBe(providerError);
    expect(error.message).not.toContain("nope");
  });
});
