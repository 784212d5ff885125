import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { appRouter, createContextInner, type ApiDependencies } from "@codelab/api";
import type { Logger } from "../logging/logger.js";
import { maxBodyBytes, maxTrpcBatchSize } from "./limits.js";
import { requestInfoFrom } from "./request-info.js";
import { procedureErrorReporter, retryAfterHeaders } from "./trpc-hooks.js";

/** tRPC's own HTTP handler: mutations, streamed batches, and whatever the query handler passes on. */
export function createTrpcMiddleware(deps: ApiDependencies, { logger, secureCookies }: { logger: Logger; secureCookies: boolean }) {
  return createExpressMiddleware({
    router: appRouter,
    createContext: ({ req, res }) => createContextInner(deps, requestInfoFrom(req, res, { secureCookies })),
    maxBatchSize: maxTrpcBatchSize,
    maxBodySize: maxBodyBytes,
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    onError: procedureErrorReporter(logger),
  });
}
