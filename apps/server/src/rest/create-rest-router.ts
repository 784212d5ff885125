import express, { type Request, type Response, Router } from "express";
import { TRPCError } from "@trpc/server";
import { createCaller, createContextInner, type ApiDependencies } from "@codelab/api";
import { AppError } from "@codelab/core";
import { maxBodyBytes } from "../http/limits.js";
import { requestInfoFrom } from "../http/request-info.js";
import { camelCaseKeys, snakeCaseKeys } from "./case-conversion.js";
import { restRoutes, type InputPart, type RestRoute } from "./routes.js";
import { sendError } from "./send-error.js";

// Numbers are converted so the schema can say what is wrong with them ("too big", "not an integer").
const numeric = /^-?\d{1,9}(\.\d{1,9})?$/;
const jsonMediaTypes = ["application/json", "application/*+json"];

/** Query-string numbers arrive as text; anything else is passed on for the schema to reject. */
export function pageFrom(request: Request): Record<string, unknown> {
  const page: Record<string, unknown> = {};
  for (const key of ["limit", "offset"] as const) {
    const raw = request.query[key];
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

function inputFor(route: RestRoute, request: Request): unknown {
  const parts: Record<InputPart, () => unknown> = {
    body: () => (request.body === undefined ? {} : camelCaseKeys(request.body)),
    page: () => pageFrom(request),
    search: () => searchFrom(request),
    idempotency: () => idempotencyKeyFrom(request),
  };
  const assembled = route.from.map((part) => parts[part]());
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

/** A client that hangs up mid-request (a long model call) should stop the work it asked for. */
function abortedWhenClientLeaves(response: Response): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** The documented `/my/...` REST endpoints: a thin adapter over the same procedures tRPC serves. */
export function createRestRouter(deps: ApiDependencies, { secureCookies }: { secureCookies: boolean }): Router {
  const router = Router({ strict: false });
  router.use(express.json({ limit: maxBodyBytes, type: jsonMediaTypes }));

  for (const route of restRoutes) {
    router[route.method](route.path, async (request: Request, response: Response) => {
      try {
        if (route.from.includes("body")) refuseNonJsonBody(request);
        const caller = createCaller(createContextInner(deps, requestInfoFrom(request, response, { secureCookies })), {
          signal: abortedWhenClientLeaves(response),
        });
        const result = await route.procedure(caller)(inputFor(route, request) as never);
        if (route.status === 204) response.status(204).end();
        else response.status(typeof route.status === "function" ? route.status(result) : route.status).json(snakeCaseKeys(result));
      } catch (error) {
        sendError(response, error);
      }
    });
  }
  return router;
}
