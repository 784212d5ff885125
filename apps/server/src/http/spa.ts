import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router, type Response } from "express";

const apiPrefixes = ["/my/", "/trpc", "/health", "/metrics"];

/**
 * The SPA loads only its own bundle and talks only to its own origin, so anything a message
 * manages to inject (a script, a style, an image from another host, a frame) is refused by the browser.
 * `blob:` images are ones the app itself fetched with the access token (workspace charts): a blob:
 * URL can only be minted by script on this origin, so no message can point one at another host.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join("; ");

function setSecurityHeaders(response: Response): void {
  response.setHeader("Content-Security-Policy", contentSecurityPolicy);
}

/** Serves the built SPA; unknown non-API GETs get index.html so client-side routes survive a reload. */
export function createSpaRouter(distDirectory: string): Router | undefined {
  const indexFile = join(distDirectory, "index.html");
  if (!existsSync(indexFile)) return undefined;
  const router = Router();
  router.use(express.static(distDirectory, { index: false, maxAge: "1h", setHeaders: setSecurityHeaders }));
  router.get(/.*/, (request, response, next) => {
    if (apiPrefixes.some((prefix) => request.path.startsWith(prefix))) return next();
    setSecurityHeaders(response);
    response.setHeader("Cache-Control", "no-cache");
    response.sendFile(indexFile);
  });
  return router;
}
