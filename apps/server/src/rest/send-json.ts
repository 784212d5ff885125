import { createHash } from "node:crypto";
import type { Request, Response } from "express";

/** express's default ETag (the `etag` package, weak): length and SHA-1 of the body, so conditional GETs keep working. */
function weakEntityTag(body: string, byteLength: number): string {
  if (byteLength === 0) return 'W/"0-2jmj7l5rSw0yVb/vlWAYkK/YBwk"';
  const hash = createHash("sha1").update(body, "utf8").digest("base64").substring(0, 27);
  return `W/"${byteLength.toString(16)}-${hash}"`;
}

/**
 * What `response.status(status).json(value)` sends — the same headers and ETag, 304 to a fresh
 * conditional GET, no body to HEAD — written directly: express's general `send` (media-type and
 * charset parsing, settings look-ups) is a measurable share of a REST response (bench/ project-list).
 */
export function sendJson(request: Request, response: Response, status: number, value: unknown): void {
  const body = JSON.stringify(value) as string | undefined;
  if (body === undefined) {
    response.status(status).json(value);
    return;
  }
  const byteLength = Buffer.byteLength(body, "utf8");
  response.statusCode = status;
  response.setHeader("Content-Type", "application/json; charset=utf-8");
  response.setHeader("Content-Length", byteLength);
  response.setHeader("ETag", weakEntityTag(body, byteLength));
  if (request.fresh) {
    response.statusCode = 304;
    response.removeHeader("Content-Type");
    response.removeHeader("Content-Length");
    response.end();
    return;
  }
  if (request.method === "HEAD") response.end();
  else response.end(body);
}
