import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import type { AppErrorCode } from "@codelab/core";

export interface ErrorMapping {
  trpc: TRPC_ERROR_CODE_KEY;
  http: number;
}

/** The only place domain error codes meet transport codes: tRPC's errorFormatter and the REST adapter both read it. */
export const errorTable: Record<AppErrorCode, ErrorMapping> = {
  VALIDATION_FAILED: { trpc: "BAD_REQUEST", http: 400 },
  UNAUTHENTICATED: { trpc: "UNAUTHORIZED", http: 401 },
  INVALID_CREDENTIALS: { trpc: "UNAUTHORIZED", http: 401 },
  EMAIL_TAKEN: { trpc: "CONFLICT", http: 409 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", http: 429 },
  PAYLOAD_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  PROJECT_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  AGENT_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  SESSION_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  AGENT_NAME_TAKEN: { trpc: "CONFLICT", http: 409 },
  MEMORY_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  AGENT_DISABLED: { trpc: "CONFLICT", http: 409 },
  IDEMPOTENCY_KEY_REUSED: { trpc: "UNPROCESSABLE_CONTENT", http: 422 },
  REQUEST_IN_PROGRESS: { trpc: "CONFLICT", http: 409 },
  PLAN_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  PLAN_STATE_CONFLICT: { trpc: "CONFLICT", http: 409 },
  TOOL_CALL_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  TOOL_CALL_STATE_CONFLICT: { trpc: "CONFLICT", http: 409 },
  PLAN_INVALID: { trpc: "UNPROCESSABLE_CONTENT", http: 422 },
  PLANNING_FAILED: { trpc: "BAD_GATEWAY", http: 502 },
  // 402, not 429: waiting a moment does not help; the cap resets at midnight UTC or the user raises it.
  BUDGET_EXCEEDED: { trpc: "PAYMENT_REQUIRED", http: 402 },
  LLM_REQUEST_REJECTED: { trpc: "BAD_GATEWAY", http: 502 },
  LLM_UNAVAILABLE: { trpc: "BAD_GATEWAY", http: 502 },
  LLM_TIMEOUT: { trpc: "GATEWAY_TIMEOUT", http: 504 },
  LLM_STREAM_INTERRUPTED: { trpc: "BAD_GATEWAY", http: 502 },
  LLM_CANCELLED: { trpc: "CLIENT_CLOSED_REQUEST", http: 499 },
  EMBEDDING_FAILED: { trpc: "BAD_GATEWAY", http: 502 },
  INVALID_PATH: { trpc: "BAD_REQUEST", http: 400 },
  FILE_NOT_FOUND: { trpc: "NOT_FOUND", http: 404 },
  FILE_TOO_LARGE: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  WORKSPACE_QUOTA_EXCEEDED: { trpc: "PAYLOAD_TOO_LARGE", http: 413 },
  SANDBOX_UNAVAILABLE: { trpc: "SERVICE_UNAVAILABLE", http: 503 },
  INTERNAL: { trpc: "INTERNAL_SERVER_ERROR", http: 500 },
};
