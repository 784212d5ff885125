import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { appRouter, createContextInner, describeError, type ApiDependencies } from "@codelab/api";
import type { Logger } from "../logging/logger.js";
import { maxBodyBytes } from "./limits.js";
import { requestInfoFrom } from "./request-info.js";

export function createTrpcMiddleware(deps: ApiDependencies, { logger, secureCookies }: { logger: Logger; secureCookies: boolean }) {
  return createExpressMiddleware({
    router: appRouter,
    createContext: ({ req, res }) => createContextInner(deps, requestInfoFrom(req, res, { secureCookies })),
    maxBatchSize: 10,
    maxBodySize: maxBodyBytes,
    responseMeta({ errors }) {
      const retryAfter = errors
        .map((error) => describeError(error).details.retryAfterSeconds)
        .find((value) => typeof value === "number");
      return retryAfter === undefined ? {} : { headers: { "retry-after": String(retryAfter) } };
    },
    onError({ error, path }) {
      if (describeError(error).httpStatus >= 500) logger.error("tRPC procedure failed", { path, error: String(error.cause ?? error) });
    },
  });
}
