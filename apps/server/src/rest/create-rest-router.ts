import express, { type Request, type Response, Router } from "express";
import { createCaller, createContextInner, type ApiDependencies } from "@codelab/api";
import { maxBodyBytes } from "../http/limits.js";
import { requestInfoFrom } from "../http/request-info.js";
import { camelCaseKeys, snakeCaseKeys } from "./case-conversion.js";
import { restRoutes, type InputPart, type RestRoute } from "./routes.js";
import { sendError } from "./send-error.js";

const wholeNumber = /^\d{1,9}$/;

/** Query-string numbers arrive as text; anything else is passed on for the schema to reject. */
function pageFrom(request: Request): Record<string, unknown> {
  const page: Record<string, unknown> = {};
  for (const key of ["limit", "offset"] as const) {
    const raw = request.query[key];
    if (raw === undefined) continue;
    page[key] = typeof raw === "string" && wholeNumber.test(raw) ? Number(raw) : raw;
  }
  return page;
}

function inputFor(route: RestRoute, request: Request): unknown {
  const parts: Record<InputPart, () => unknown> = {
    body: () => (request.body === undefined ? {} : camelCaseKeys(request.body)),
    page: () => pageFrom(request),
  };
  const assembled = route.from.map((part) => parts[part]());
  const body = assembled.find((part) => typeof part !== "object" || part === null || Array.isArray(part));
  // A body that is not a JSON object goes to the schema as it is, to be refused with a precise message.
  if (body !== undefined) return body;
  return Object.assign({}, ...assembled, request.params);
}

/** The documented `/my/...` REST endpoints: a thin adapter over the same procedures tRPC serves. */
export function createRestRouter(deps: ApiDependencies, { secureCookies }: { secureCookies: boolean }): Router {
  const router = Router({ strict: false });
  router.use(express.json({ limit: maxBodyBytes, type: ["application/json", "application/*+json"] }));

  for (const route of restRoutes) {
    router[route.method](route.path, async (request: Request, response: Response) => {
      try {
        const caller = createCaller(createContextInner(deps, requestInfoFrom(request, response, { secureCookies })));
        const result = await route.procedure(caller)(inputFor(route, request) as never);
        if (route.status === 204) response.status(204).end();
        else response.status(route.status).json(snakeCaseKeys(result));
      } catch (error) {
        sendError(response, error);
      }
    });
  }
  return router;
}
