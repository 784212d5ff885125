import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { isAppError, type ErrorDetails, type JsonValue } from "@codelab/core";
import { errorTable } from "./error-table.js";

/** What a client may learn about a failure: never a stack trace or an internal message. */
export interface PublicError {
  httpStatus: number;
  trpcCode: TRPC_ERROR_CODE_KEY;
  /** Stable, machine-readable: the domain code, or the tRPC code for transport-level failures. */
  code: string;
  message: string;
  details: ErrorDetails;
}

interface ValidationIssue {
  code?: string;
  path: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
  message: string;
  keys?: string[];
}

function validationIssues(cause: unknown): ValidationIssue[] | undefined {
  if (typeof cause !== "object" || cause === null || !("issues" in cause)) return undefined;
  const { issues } = cause;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : undefined;
}

const pathOf = (issue: ValidationIssue) =>
  issue.path.map((segment) => String(typeof segment === "object" ? segment.key : segment));

/** One entry per offending field; an unknown key is reported under its own name. */
function fieldsOf(issues: ValidationIssue[]): JsonValue[] {
  return issues.slice(0, 50).flatMap((issue) =>
    issue.code === "unrecognized_keys" && issue.keys
      ? issue.keys.map((key) => ({ field: [...pathOf(issue), key].join("."), message: "is not an accepted field" }))
      : [{ field: pathOf(issue).join("."), message: issue.message }],
  );
}

const transportMessages: Partial<Record<TRPC_ERROR_CODE_KEY, string>> = {
  PARSE_ERROR: "The request body is not valid JSON",
  PAYLOAD_TOO_LARGE: "The request body is too large",
  NOT_FOUND: "Not found",
  METHOD_NOT_SUPPORTED: "Method not supported",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
};

export function describeError(error: unknown): PublicError {
  const trpcError = error instanceof TRPCError ? error : undefined;
  const cause = trpcError ? trpcError.cause : error;

  if (isAppError(cause)) {
    const mapping = errorTable[cause.code];
    return { httpStatus: mapping.http, trpcCode: mapping.trpc, code: cause.code, message: cause.message, details: cause.details };
  }

  const issues = validationIssues(cause);
  if (trpcError?.code === "BAD_REQUEST" && issues) {
    return {
      httpStatus: 400,
      trpcCode: "BAD_REQUEST",
      code: "VALIDATION_FAILED",
      message: "Invalid input",
      details: { fields: fieldsOf(issues) },
    };
  }

  if (trpcError?.code === "BAD_REQUEST" && trpcError.cause instanceof SyntaxError) {
    return {
      httpStatus: 400,
      trpcCode: "BAD_REQUEST",
      code: "VALIDATION_FAILED",
      message: "The request input is not valid JSON",
      details: { reason: "malformed_json" },
    };
  }

  if (trpcError && trpcError.code !== "INTERNAL_SERVER_ERROR") {
    // tRPC copies a wrapped error's message into its own; only messages tRPC wrote itself are safe to pass on.
    const ownMessage = trpcError.cause === undefined ? trpcError.message : "The request could not be read";
    return {
      httpStatus: getHTTPStatusCodeFromError(trpcError),
      trpcCode: trpcError.code,
      code: trpcError.code,
      message: transportMessages[trpcError.code] ?? ownMessage,
      details: {},
    };
  }

  return { httpStatus: 500, trpcCode: "INTERNAL_SERVER_ERROR", code: "INTERNAL", message: "Internal server error", details: {} };
}
