import { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import { AppError, type AppErrorCode, type ErrorDetails } from "../errors/app-error.js";
import { ResponseTooLargeError } from "./bounded-fetch.js";
import type { StopReason } from "./call-timers.js";
import { OversizedChunkError } from "./output-collector.js";
import { OversizedToolCallError } from "./tool-call-assembler.js";
import { retryAfterMs } from "./retry-delay.js";

/** The stream ended (or the connection closed cleanly) without a finish reason: the answer is incomplete. */
export class StreamIncompleteError extends Error {
  constructor() {
    super("the stream ended without a finish reason");
    this.name = "StreamIncompleteError";
  }
}

/** A 200 answer without the fields a completion must have. */
export class MalformedResponseError extends Error {
  constructor() {
    super("the response has no first choice with a message");
    this.name = "MalformedResponseError";
  }
}

/** What one failed attempt means for the call. */
export interface LlmFailure {
  code: AppErrorCode;
  /** Safe to show to the caller. */
  message: string;
  details: ErrorDetails;
  retryable: boolean;
  /** The wait the provider asked for, if any. */
  retryAfterMs?: number;
}

export interface FailureContext {
  /** Set when we closed the request ourselves; it explains the error the SDK then reports. */
  stopReason: StopReason | undefined;
  /** Text already reached the caller, so a retry would repeat it. */
  outputDelivered: boolean;
  streaming: boolean;
}

/**
 * Decides what a failed attempt means. Retried: 429 (unless the quota is exhausted), 5xx,
 * connection failures and connect/idle timeouts — and only while no output reached the caller.
 * Never retried: other 4xx, cancellation, the total timeout, oversized or malformed answers.
 */
export function classifyFailure(error: unknown, { stopReason, outputDelivered, streaming }: FailureContext): LlmFailure {
  const beforeOutput = !outputDelivered;
  switch (stopReason) {
    case "cancelled":
      return { code: "LLM_CANCELLED", message: "The language model call was cancelled.", details: {}, retryable: false };
    case "total-timeout":
      return timeout("total", false);
    case "connect-timeout":
      return timeout("connect", beforeOutput);
    case "idle-timeout":
      return timeout("idle", beforeOutput);
    case "output-capped":
    case undefined:
      break;
  }
  if (error instanceof OversizedChunkError || error instanceof OversizedToolCallError || error instanceof ResponseTooLargeError) {
    return unavailable("The language model provider sent an oversized response.", { reason: "response-too-large" }, false);
  }
  if (error instanceof MalformedResponseError) {
    return unavailable("The language model provider sent a malformed response.", { reason: "malformed-response" }, false);
  }
  if (error instanceof APIConnectionTimeoutError) return timeout("connect", beforeOutput);
  if (error instanceof APIConnectionError) {
    return unavailable("Could not reach the language model provider.", { reason: "connection-failed" }, beforeOutput);
  }
  if (error instanceof APIError && typeof error.status === "number") {
    const headers = error.headers instanceof Headers ? error.headers : undefined;
    return classifyStatus(error.status, error.code, headers, beforeOutput);
  }
  if (error instanceof StreamIncompleteError || streaming) {
    // A body that broke mid-way: a reset, a malformed chunk, an error event inside the stream.
    return {
      code: "LLM_STREAM_INTERRUPTED",
      message: "The language model's answer was cut off before it finished.",
      details: {},
      retryable: beforeOutput,
    };
  }
  return unavailable("The language model provider's answer could not be read.", { reason: "broken-response" }, beforeOutput);
}

function classifyStatus(status: number, code: unknown, headers: Headers | undefined, beforeOutput: boolean): LlmFailure {
  const providerCode = typeof code === "string" ? code.slice(0, 100) : undefined;
  const details: ErrorDetails = { providerStatus: status, ...(providerCode ? { providerCode } : {}) };
  const retryAfter = retryAfterMs(headers);
  if ((status === 429 && providerCode !== "insufficient_quota") || status >= 500) {
    const message =
      status === 429 ? "The language model provider is rate limiting requests." : `The language model provider failed (HTTP ${status}).`;
    if (retryAfter === undefined) return unavailable(message, details, beforeOutput);
    return { ...unavailable(message, { ...details, retryAfterMs: retryAfter }, beforeOutput), retryAfterMs: retryAfter };
  }
  return {
    code: "LLM_REQUEST_REJECTED",
    message: `The language model provider rejected the request (HTTP ${status}${providerCode ? `, ${providerCode}` : ""}).`,
    details,
    retryable: false,
  };
}

function timeout(kind: "connect" | "idle" | "total", retryable: boolean): LlmFailure {
  return { code: "LLM_TIMEOUT", message: `The language model did not answer in time (${kind} timeout).`, details: { timeout: kind }, retryable };
}

function unavailable(message: string, details: ErrorDetails, retryable: boolean): LlmFailure {
  return { code: "LLM_UNAVAILABLE", message, details, retryable };
}

export function toAppError(failure: LlmFailure, attempts: number, cause: unknown): AppError {
  return new AppError(failure.code, failure.message, { details: { ...failure.details, attempts }, cause });
}
