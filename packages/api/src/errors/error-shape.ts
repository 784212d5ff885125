import type { TRPC_ERROR_CODE_KEY, TRPC_ERROR_CODE_NUMBER } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import type { ErrorDetails } from "@codelab/core";
import { describeError } from "./describe-error.js";

/** What a tRPC client receives for a failure, whichever path sent it. */
export interface ErrorShape {
  code: TRPC_ERROR_CODE_NUMBER;
  message: string;
  data: { code: TRPC_ERROR_CODE_KEY; httpStatus: number; appCode: string; details: ErrorDetails; path: string | undefined };
}

export function errorShape(error: unknown, path: string | undefined): ErrorShape {
  const described = describeError(error);
  return {
    // The JSON-RPC code must agree with data.code: an AppError reaches here wrapped as INTERNAL_SERVER_ERROR.
    code: TRPC_ERROR_CODES_BY_KEY[described.trpcCode],
    message: described.message,
    data: {
      code: described.trpcCode,
      httpStatus: described.httpStatus,
      appCode: described.code,
      details: described.details,
      path,
    },
  };
}
