import express, { type Request, type Response, Router } from "express";
import { callTRPCProcedure, TRPCError } from "@trpc/server";
import { appRouter, createContextInner, type ApiDependencies } from "@codelab/api";
import { AppError } from "@codelab/core";
import { abortedWhenClientLeaves } from "../http/aborted-when-client-leaves.js";
import { maxBodyBytes } from "../http/limits.js";
import { requestInfoFrom } from "../http/request-info.js";
import { camelCaseKeys, snakeCaseKeys } from "./case-conversion.js";
import { routeDispatcher, type Handler } from "./route-dispatcher.js";
import { routeProcedure } from "./route-procedure.js";
import { restRoutes, type InputPart, type RestRoute } from "./routes.js";
import { sendError } from "./send-error.js";
import { sendJson } from "./send-json.js";

// Numbers are converted so the schema can say what is wrong with them ("too big", "not an integer").
const numeric = /^-?\d{1,9}(\.\d{1,9})?$/;
const jsonMediaTypes = ["application/json", "application/*+json"];

/** Query-string numbers arrive as text; anything else is passed on for the schema to reject. */
export function pageFrom(request: Request): Record<string, unknown> {
  // Read once: express parses the query string again on every read of `request.query`.
  const query = request.query;
  const page: Record<string, unknown> = {};
  for (const key of ["limit", "offset"] as const) {
    const raw = query[key];
    if (raw === undefined) continue;
    page[key] = typeof raw === "string" && numeric.test(raw) ? Number(raw) : raw;
  }
  return page;
}

/** `?query=…&limit=…` of a memory search. */
function searchFrom(request: Request): Record<string, unknown> {
  const { query, limit } = request.query;
  return {
    ...(query === undefined ? {} : { query }),
    ...(limit === undefined ? {} : { limit: typeof limit === "string" && numeric.test(limit) ? Number(limit) : limit }),
  };
}

function idempotencyKeyFrom(request: Request): Record<string, unknown> {
  const key = request.headers["idempotency-key"];
  return key === undefined ? {} : { idempotencyKey: key };
}

const inputParts: Record<InputPart, (request: Request) => unknown> = {
  body: (request) => (request.body === undefined ? {} : camelCaseKeys(request.body)),
  page: pageFrom,
  search: searchFrom,
  idempotency: idempotencyKeyFrom,
};

function inputFor(route: RestRoute, request: Request): unknown {
  const assembled = route.from.map((part) => inputParts[part](request));
  const body = assembled.find((part) => typeof part !== "object" || part === null || Array.isArray(part));
  // A body that is not a JSON object goes to the schema as it is, to be refused with a precise message.
  if (body !== undefined) return body;
  const merged = Object.assign({}, ...(assembled as object[])) as Record<string, unknown>;
  refusePathParametersIn(merged, request.params);
  return { ...merged, ...request.params };
}

/** The path names the resource; a body naming another one (`project_id`) is refused rather than silently overridden. */
function refusePathParametersIn(input: Record<string, unknown>, params: Request["params"]): void {
  const repeated = Object.keys(params).filter((name) => Object.hasOwn(input, name));
  if (repeated.length === 0) return;
  throw new AppError("VALIDATION_FAILED", "Invalid input", {
    details: { fields: repeated.map((field) => ({ field, message: "is taken from the path, not the body" })) },
  });
}

/** A body the JSON parser skipped for its media type would otherwise be ignored without a word. */
function refuseNonJsonBody(request: Request): void {
  if (request.is(jsonMediaTypes) !== false || request.headers["content-length"] === "0") return;
  throw new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the body as application/json" });
}

/** The same test body-parser makes first, so requests without a body (most of them) skip the parser altogether. */
const hasBody = (request: Request) => request.headers["transfer-encoding"] !== undefined || request.headers["content-length"] !== undefined;

/**
 * The documented `/my/...` REST endpoints: a thin adapter over the same procedures tRPC serves.
 * Bodies are parsed only for requests a route matched, so the router can go first under `/my` and
 * pass every other request on untouched (file uploads are raw bytes).
 */
export function createRestRouter(deps: ApiDependencies, { secureCookies }: { secureCookies: boolean }): Handler {
  const fallback = Router({ strict: false });
  const parseJson = express.json({ limit: maxBodyBytes, type: jsonMediaTypes });

  const routes = restRoutes.map((route) => {
    const { path, type } = routeProcedure(route);
    const readsBody = route.from.includes("body");

    async function respond(request: Request, response: Response) {
      try {
        if (readsBody) refuseNonJsonBody(request);
        const input = inputFor(route, request);
        // What a server-side caller would do, called by path: the same middleware, validation and errors.
        const result: unknown = await callTRPCProcedure({
          router: appRouter,
          path,
          type,
          ctx: createContextInner(deps, requestInfoFrom(request, response, { secureCookies })),
          getRawInput: () => Promise.resolve(input),
          signal: abortedWhenClientLeaves(response),
          batchIndex: 0,
        });
        if (route.status === 204) response.status(204).end();
        else sendJson(request, response, typeof route.status === "function" ? route.status(result) : route.status, snakeCaseKeys(result));
      } catch (error) {
        sendError(response, error);
      }
    }

    const handle: Handler = (request, response, next) => {
      // Parse failures go on to the app's error handler, which answers them like every other failure.
      if (hasBody(request)) void parseJson(request, response, (error?: unknown) => (error === undefined ? void respond(request, response) : next(error)));
      else void respond(request, response);
    };
    fallback[route.method](route.path, handle);
    return { method: route.method, path: route.path, handle };
  });
  return routeDispatcher(routes, (request, response, next) => void fallback(request, response, next));
}
