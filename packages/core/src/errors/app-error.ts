export type ErrorCategory = "user" | "system" | "third-party";

/** Every code a client may see. Transports map them in one table (packages/api/src/errors). */
export const appErrorCategories = {
  VALIDATION_FAILED: "user",
  UNAUTHENTICATED: "user",
  INVALID_CREDENTIALS: "user",
  EMAIL_TAKEN: "user",
  RATE_LIMITED: "user",
  PAYLOAD_TOO_LARGE: "user",
  NOT_FOUND: "user",
  PROJECT_NOT_FOUND: "user",
  AGENT_NOT_FOUND: "user",
  SESSION_NOT_FOUND: "user",
  AGENT_NAME_TAKEN: "user",
  MEMORY_NOT_FOUND: "user",
  AGENT_DISABLED: "user",
  IDEMPOTENCY_KEY_REUSED: "user",
  REQUEST_IN_PROGRESS: "user",
  PLAN_NOT_FOUND: "user",
  PLAN_STATE_CONFLICT: "user",
  TOOL_CALL_NOT_FOUND: "user",
  TOOL_CALL_STATE_CONFLICT: "user",
  PLAN_INVALID: "third-party",
  PLANNING_FAILED: "third-party",
  BUDGET_EXCEEDED: "user",
  LLM_REQUEST_REJECTED: "third-party",
  LLM_UNAVAILABLE: "third-party",
  LLM_TIMEOUT: "third-party",
  LLM_STREAM_INTERRUPTED: "third-party",
  LLM_CANCELLED: "user",
  EMBEDDING_FAILED: "third-party",
  INVALID_PATH: "user",
  FILE_NOT_FOUND: "user",
  FILE_TOO_LARGE: "user",
  WORKSPACE_QUOTA_EXCEEDED: "user",
  SANDBOX_UNAVAILABLE: "system",
  INTERNAL: "system",
} as const satisfies Record<string, ErrorCategory>;

export type AppErrorCode = keyof typeof appErrorCategories;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export type ErrorDetails = Record<string, JsonValue>;

export interface AppErrorOptions {
  details?: ErrorDetails;
  cause?: unknown;
}

/** The one domain error. `message` and `details` are safe to show to the caller; `cause` never leaves the server. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly category: ErrorCategory;
  readonly details: ErrorDetails;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.category = appErrorCategories[code];
    this.details = options.details ?? {};
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
