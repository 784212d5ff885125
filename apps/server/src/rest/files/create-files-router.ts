import express, { Router, type Request, type Response } from "express";
import { TRPCError } from "@trpc/server";
import { createCaller, createContextInner, type ApiDependencies } from "@codelab/api";
import { AppError, downloadFile, fileTooLarge, normalizeFilePath, uploadFile } from "@codelab/core";
import { requestInfoFrom } from "../../http/request-info.js";
import { snakeCaseKeys } from "../case-conversion.js";
import { pageFrom } from "../create-rest-router.js";
import { sendError } from "../send-error.js";
import { contentDisposition } from "./content-disposition.js";
import { downloadTypeOf } from "./media-type.js";

type Caller = ReturnType<typeof createCaller>;

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * Sent with every download. `nosniff` keeps a browser to our type; the sandbox policy gives the
 * response an opaque origin with scripts disabled, so an uploaded HTML or SVG file opened directly
 * can never run script on our origin; `no-store` keeps private files out of shared caches.
 */
const downloadHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
  "Cache-Control": "private, no-store",
};

/** The `{path...}` of the URL, as express decoded it segment by segment; the workspace judges it. */
function filePathOf(request: Request): string {
  const segments: unknown = request.params.filePath;
  if (Array.isArray(segments)) return segments.join("/");
  return typeof segments === "string" ? segments : "";
}

function listInputOf(request: Request, projectId: string): unknown {
  const { path } = request.query;
  return { ...pageFrom(request), ...(path === undefined ? {} : { path }), projectId };
}

/** The raw body, read only once the caller is known to own the project: strangers cannot make us buffer megabytes. */
function readBody(parse: express.RequestHandler, request: Request, response: Response, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    void parse(request, response, (error?: unknown) => {
      if (error === undefined) {
        resolve(Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));
        return;
      }
      const { type, status } = (error ?? {}) as BodyParserError;
      if (type === "entity.too.large") reject(fileTooLarge(limitBytes));
      else if (type === "encoding.unsupported") reject(new TRPCError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "Send the file without Content-Encoding" }));
      else if (status !== undefined && status >= 400 && status < 500) {
        reject(new AppError("VALIDATION_FAILED", "The request body could not be read", { details: { reason: type ?? "bad_request" } }));
      } else reject(error instanceof Error ? error : new Error("The request body could not be read"));
    });
  });
}

/**
 * `/my/projects/{project_id}/files/...`: the workspace's files as raw bytes, which the JSON route
 * table cannot carry. Mounted before the REST router. Listing and deleting call their procedures;
 * upload and download prove ownership through `projects.get` (authentication, input check and the
 * ownership query, exactly as every project-scoped procedure) and then move bytes themselves.
 * A foreign project answers 404 exactly like a missing one, before the path is even looked at.
 */
export function createFilesRouter(deps: ApiDependencies, { secureCookies }: { secureCookies: boolean }): Router {
  const router = Router({ strict: false });
  const files = "/projects/:projectId/files/";
  const file = `${files}*filePath`;
  const limitBytes = deps.tools.workspaces.maxFileBytes;
  // Any media type is a file; compressed bodies are refused rather than inflated past the limit's meaning.
  const parseBody = express.raw({ type: () => true, limit: limitBytes, inflate: false });

  const handle = (work: (caller: Caller, request: Request, response: Response, projectId: string) => Promise<void>) => async (request: Request, response: Response) => {
    try {
      const caller = createCaller(createContextInner(deps, requestInfoFrom(request, response, { secureCookies })));
      await work(caller, request, response, String(request.params.projectId));
    } catch (error) {
      sendError(response, error);
    }
  };

  router.get(
    files,
    handle(async (caller, request, response, projectId) => {
      response.json(snakeCaseKeys(await caller.files.list(listInputOf(request, projectId) as never)));
    }),
  );

  router.get(
    file,
    handle(async (caller, request, response, projectId) => {
      const project = await caller.projects.get({ projectId });
      const workspace = deps.tools.workspaces.open(project.id);
      const { path, content } = await downloadFile({ workspace, workspaces: deps.tools.workspaces }, { path: filePathOf(request) });
      const name = path.slice(path.lastIndexOf("/") + 1);
      const { contentType, inline } = downloadTypeOf(name);
      response
        .status(200)
        .set({ ...downloadHeaders, "Content-Type": contentType, "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", name) })
        .end(content);
    }),
  );

  router.put(
    file,
    handle(async (caller, request, response, projectId) => {
      const project = await caller.projects.get({ projectId });
      // A path the workspace would refuse is refused before the body is read.
      const path = normalizeFilePath(filePathOf(request));
      const content = await readBody(parseBody, request, response, limitBytes);
      const entry = await uploadFile({ workspace: deps.tools.workspaces.open(project.id) }, { path, content });
      response.status(200).json(snakeCaseKeys(entry));
    }),
  );

  router.delete(
    file,
    handle(async (caller, request, response, projectId) => {
      await caller.files.delete({ projectId, path: filePathOf(request) });
      response.status(204).end();
    }),
  );

  return router;
}
