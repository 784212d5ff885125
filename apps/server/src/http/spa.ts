import { existsSync } from "node:fs";
import { join } from "node:path";
import express, { Router } from "express";

const apiPrefixes = ["/my/", "/trpc", "/health", "/metrics"];

/** Serves the built SPA; unknown non-API GETs get index.html so client-side routes survive a reload. */
export function createSpaRouter(distDirectory: string): Router | undefined {
  const indexFile = join(distDirectory, "index.html");
  if (!existsSync(indexFile)) return undefined;
  const router = Router();
  router.use(express.static(distDirectory, { index: false, maxAge: "1h" }));
  router.get(/.*/, (request, response, next) => {
    if (apiPrefixes.some((prefix) => request.path.startsWith(prefix))) return next();
    response.setHeader("Cache-Control", "no-cache");
    response.sendFile(indexFile);
  });
  return router;
}
