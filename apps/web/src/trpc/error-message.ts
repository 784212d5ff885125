import { isTRPCClientError } from "@trpc/client";
import type { AppRouter } from "@codelab/api";

export const unreachableMessage = "Can't reach the CodeLab server. Check your connection and try again.";

/** The sentence to show for a failed call: the server's own message, which never carries internals. */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError<AppRouter>(error)) return error.data ? error.message : unreachableMessage;
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

export function errorCode(error: unknown): string | undefined {
  return isTRPCClientError<AppRouter>(error) ? error.data?.appCode : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Per-field messages the server attached to a failure: `details.fields` for invalid input,
 * `details.field` for a conflict such as a taken email.
 */
export function serverFieldErrors(error: unknown): Record<string, string> {
  if (!isTRPCClientError<AppRouter>(error) || !error.data) return {};
  const { details } = error.data;
  const errors: Record<string, string> = {};
  if (typeof details.field === "string") errors[details.field] = error.message;
  const fields = Array.isArray(details.fields) ? details.fields : [];
  for (const entry of fields) {
    if (isRecord(entry) && typeof entry.field === "string" && typeof entry.message === "string") {
      errors[entry.field] ??= entry.message;
    }
  }
  return errors;
}
