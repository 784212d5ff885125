import express, { type ErrorRequestHandler, type Express } from "express";
import type { Redis } from "ioredis";
import type { ApiDependencies } from "@codelab/api";
import type { Logger } from "../logging/logger.js";
import { createRestRouter } from "../rest/create-rest-router.js";
import { createFilesRouter } from "../rest/files/create-files-router.js";
import { createEventStreamRouter } from "../sse/create-event-stream-router.js";
import { createTrpcEventStreamRouter } from "../sse/create-trpc-event-stream-router.js";
import type { EventStreamTiming } from "../sse/write-event-stream.js";
import { sendError } from "../rest/send-error.js";
import { createHealthRouter } from "./health.js";
import { createSpaRouter } from "./spa.js";
import { createTrpcMiddleware } from "./trpc-middleware.js";
import { createTrpcQueryHandler } from "./trpc-query-handler.js";
import { AppError } from "@codelab/core";

export interface HttpAppOptions {
  deps: ApiDependencies;
  redis: Redis | undefined;
  logger: Logger;
  secureCookies: boolean;
  trustProxy: boolean;
  webDistDirectory: string | undefined;
  eventStreamTiming: EventStreamTiming;
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** Body-parser failures become the same error body as every other failure, with a stable code. */
const handleErrors =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, _request, response, _next) => {
    const { type, status } = (error ?? {}) as BodyParserError;
    if (type === "entity.too.large") {
      sendError(response, new AppError("PAYLOAD_TOO_LARGE", "The request body is too large", { details: { limitBytes: 256 * 1024 } }));
    } else if (type === "entity.parse.failed") {
      sendError(response, new AppError("VALIDATION_FAILED", "The request body is not valid JSON", { details: { reason: "malformed_json" } }));
    } else if (status && status >= 400 && status < 500) {
      sendError(response, new AppError("VALIDATION_FAILED", "The request could not be read", { details: { reason: type ?? "bad_request" } }));
    } else {
      logger.error("unhandled error", { error: String(error) });
      sendError(response, error);
    }
  };

export function createHttpApp({ deps, redis, logger, secureCookies, trustProxy, webDistDirectory, eventStreamTiming }: HttpAppOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", trustProxy);

  // The API's hot paths come first, each passing on what it does not serve: a request walks every
  // layer before the one that answers it, and the JSON endpoints are most of the traffic.
  app.use("/trpc", createTrpcQueryHandler(deps, { logger, secureCookies }));
  app.use("/my", createRestRouter(deps, { secureCookies }));
  app.use("/trpc", createTrpcEventStreamRouter(deps, { timing: eventStreamTiming, secureCookies, logger }));
  app.use("/trpc", createTrpcMiddleware(deps, { logger, secureCookies }));
  app.use("/my", createEventStreamRouter(deps, { timing: eventStreamTiming, logger }));
  app.use("/my", createFilesRouter(deps, { secureCookies }));
  app.use("/my", (_request, response) => {
    sendError(response, new AppError("NOT_FOUND", "No such endpoint"));
  });
  app.use(createHealthRouter({ db: deps.db, redis }));
  app.get("/metrics", async (_request, response) => {
    response.setHeader("Content-Type", deps.metrics.registry.contentType);
    response.send(await deps.metrics.registry.metrics());
  });
  const spa = webDistDirectory ? createSpaRouter(webDistDirectory) : undefined;
  if (spa) app.use(spa);
  app.use(handleErrors(logger));
  return app;
}
