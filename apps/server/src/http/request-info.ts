import type { Request, Response } from "express";
import type { RequestInfo } from "@codelab/api";

const refreshCookieName = "codelab_refresh";
// The cookie only ever travels to the tRPC endpoint, where auth.refresh reads it.
const refreshCookiePath = "/trpc";

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/** The transport-neutral view of an express request that procedures receive. */
export function requestInfoFrom(request: Request, response: Response, { secureCookies }: { secureCookies: boolean }): RequestInfo {
  const cookieOptions = { httpOnly: true, sameSite: "strict" as const, secure: secureCookies, path: refreshCookiePath };
  return {
    authorization: request.headers.authorization,
    clientIp: request.ip ?? request.socket.remoteAddress ?? "unknown",
    refreshToken: {
      read: () => readCookie(request, refreshCookieName),
      write: (token, maxAgeSeconds) => response.cookie(refreshCookieName, token, { ...cookieOptions, maxAge: maxAgeSeconds * 1000 }),
      clear: () => response.clearCookie(refreshCookieName, cookieOptions),
    },
  };
}
