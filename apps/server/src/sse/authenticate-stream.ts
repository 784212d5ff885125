import type { Request } from "express";
import { bearerToken, type ApiDependencies } from "@codelab/api";
import { AppError, authenticate } from "@codelab/core";

/**
 * The user a stream request acts for: from an `Authorization: Bearer` access token, or else from
 * a stream ticket in `?ticket=` issued for exactly this session. An access token is never taken
 * from the URL (it would end up in logs and history); a ticket opens this one stream for a minute.
 */
export async function authenticateStream(
  deps: ApiDependencies,
  request: Request,
  session: { projectId: string; sessionId: string },
): Promise<string> {
  if (request.headers.authorization !== undefined) {
    const { userId } = await authenticate(deps, { token: bearerToken(request.headers.authorization) });
    return userId;
  }
  const { ticket } = request.query;
  if (ticket === undefined) {
    throw new AppError("UNAUTHENTICATED", "Send an Authorization header, or a stream ticket as ?ticket=", {
      details: { reason: "missing_token" },
    });
  }
  if (typeof ticket !== "string") throw new AppError("UNAUTHENTICATED", "Invalid or expired token", { details: { reason: "malformed_token" } });
  return deps.tokens.verifyStreamTicket(ticket, session).userId;
}
