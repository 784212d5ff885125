import type { NextFunction, Request, Response } from "express";
import { callTRPCProcedure, getErrorShape, getTRPCErrorFromUnknown, transformTRPCResponse, TRPCError } from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import { appRouter, createContextInner, type ApiDependencies, type Context } from "@codelab/api";
import type { Logger } from "../logging/logger.js";
import { abortedWhenClientLeaves } from "./aborted-when-client-leaves.js";
import { maxTrpcBatchSize } from "./limits.js";
import { procedureTypeAt } from "./procedure-type.js";
import { requestInfoFrom } from "./request-info.js";
import { procedureErrorReporter, retryAfterHeaders } from "./trpc-hooks.js";

interface QueryCall {
  path: string;
  input: unknown;
}

interface QueryRequest {
  isBatch: boolean;
  calls: QueryCall[];
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: TRPCError };

const config = appRouter._def._config;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const isAsyncIterable = (value: unknown) => isObject(value) && Symbol.asyncIterator in value;
const isPromise = (value: unknown) =>
  (isObject(value) || typeof value === "function") && typeof (value as { then?: unknown }).then === "function" && typeof (value as { catch?: unknown }).catch === "function";
/** What tRPC refuses to answer outside a streamed batch. */
const isDataStream = (data: unknown) => isObject(data) && (isAsyncIterable(data) || Object.values(data).some((value) => isPromise(value) || isAsyncIterable(value)));

const streamedResultError = () =>
  new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink" });

/** tRPC's media-type dispatch answers a GET as JSON unless it names another type it knows. */
function isJsonRequest(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(";", 1)[0]?.trim().toLowerCase();
  return mediaType === undefined || mediaType === "application/json";
}

/**
 * The queries of a plain `httpBatchLink`/`httpLink` GET, read exactly as tRPC reads them. Anything
 * else — a mutation, a subscription, a streamed batch, an unknown procedure, unreadable input, a
 * batch too large — is undefined: tRPC's own handler answers it, errors included.
 */
function readQueries(request: Request): QueryRequest | undefined {
  const { headers } = request;
  if (request.method !== "GET" || headers["trpc-accept"] !== undefined || !isJsonRequest(headers["content-type"])) return undefined;
  if (headers.accept?.split(",").some((type) => type.trim() === "application/jsonl")) return undefined;
  const queryStart = request.url.indexOf("?");
  const search = new URLSearchParams(queryStart === -1 ? "" : request.url.slice(queryStart + 1));
  if (search.has("connectionParams")) return undefined;

  const isBatch = search.get("batch") === "1";
  let joinedPaths: string;
  let inputs: unknown;
  try {
    joinedPaths = decodeURIComponent(request.path.slice(request.path.lastIndexOf("/") + 1));
    const rawInput = search.get("input");
    inputs = rawInput ? JSON.parse(rawInput) : undefined;
  } catch {
    return undefined;
  }
  const paths = isBatch ? joinedPaths.split(",") : [joinedPaths];
  if (paths.length > maxTrpcBatchSize || paths.some((path) => procedureTypeAt(path) !== "query")) return undefined;
  if (isBatch && inputs !== undefined && !isObject(inputs)) return undefined;

  const deserialize = (input: unknown): unknown => (input === undefined ? undefined : config.transformer.input.deserialize(input));
  const calls = paths.map((path, index) => ({ path, input: deserialize(isBatch ? (inputs as Record<number, unknown> | undefined)?.[index] : inputs) }));
  return { isBatch, calls };
}

/**
 * Answers tRPC queries sent as plain JSON GETs — what the SDK's and the web app's `httpBatchLink`
 * send — with tRPC's protocol unchanged: the same URLs, batching, procedures (called by path, as
 * tRPC's handler does), error shapes, status codes and headers. tRPC's own handler converts every
 * request into Fetch-API objects and writes through web streams, several times the CPU of the
 * query itself (see bench/ project-list); this one writes the JSON directly. Whatever it cannot
 * read exactly as tRPC would goes on to tRPC's handler, mounted after it.
 */
export function createTrpcQueryHandler(deps: ApiDependencies, { logger, secureCookies }: { logger: Logger; secureCookies: boolean }) {
  const reportError = procedureErrorReporter(logger);

  async function settle({ path, input }: QueryCall, batchIndex: number, ctx: Context, signal: AbortSignal): Promise<Outcome> {
    try {
      const data: unknown = await callTRPCProcedure({ router: appRouter, path, type: "query", ctx, getRawInput: () => Promise.resolve(input), signal, batchIndex });
      return { ok: true, data };
    } catch (cause) {
      const error = getTRPCErrorFromUnknown(cause);
      reportError({ error, path });
      return { ok: false, error };
    }
  }

  async function answer({ isBatch, calls }: QueryRequest, request: Request, response: Response) {
    const ctx = createContextInner(deps, requestInfoFrom(request, response, { secureCookies }));
    const signal = abortedWhenClientLeaves(response);
    const outcomes = await Promise.all(calls.map((call, index) => settle(call, index, ctx, signal)));

    const errors: TRPCError[] = [];
    const items = outcomes.map((outcome, index) => {
      const { path, input } = calls[index] as QueryCall;
      if (outcome.ok && !isDataStream(outcome.data)) return { result: { data: outcome.data } };
      const error = outcome.ok ? streamedResultError() : outcome.error;
      errors.push(error);
      // A single call's stream-like result is a failure of the whole request to tRPC: reported, and shaped without a path.
      const whole = outcome.ok && !isBatch;
      if (whole) reportError({ error, path: undefined });
      return { error: getErrorShape({ config, error, type: "query", path: whole ? undefined : path, input, ctx }) };
    });

    response.statusCode = getHTTPStatusCode(items);
    response.setHeader("content-type", "application/json");
    response.setHeader("vary", "trpc-accept, accept");
    for (const [name, value] of Object.entries(retryAfterHeaders(errors))) response.setHeader(name, value);
    const [single] = items;
    response.end(JSON.stringify(transformTRPCResponse(config, isBatch || !single ? items : single)));
  }

  return async (request: Request, response: Response, next: NextFunction) => {
    const queries = readQueries(request);
    if (!queries) {
      next();
      return;
    }
    try {
      await answer(queries, request, response);
    } catch (cause) {
      // A failure outside every procedure, answered as tRPC's handler answers one.
      const error = getTRPCErrorFromUnknown(cause);
      reportError({ error, path: undefined });
      if (response.headersSent) {
        response.destroy();
        return;
      }
      const shape = getErrorShape({ config, error, type: "unknown", path: undefined, input: undefined, ctx: undefined });
      response.statusCode = shape.data.httpStatus;
      response.end(JSON.stringify(transformTRPCResponse(config, { error: shape })));
    }
  };
}
