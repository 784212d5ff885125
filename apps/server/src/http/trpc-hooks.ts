import type { TRPCError } from "@trpc/server";
import { describeError } from "@codelab/api";
import type { Logger } from "../logging/logger.js";

/** A refused call that may be retried later says when; tRPC's handler and our query handler both send it. */
export function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const retryAfter = errors.map((error) => describeError(error).details.retryAfterSeconds).find((value) => typeof value === "number");
  return retryAfter === undefined ? {} : { "retry-after": String(retryAfter) };
}

/** Server faults are logged; a client's own mistakes are only answered. */
export function procedureErrorReporter(logger: Logger) {
  return ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    if (describeError(error).httpStatus >= 500) logger.error("tRPC procedure failed", { path, error: String(error.cause ?? error) });
  };
}
