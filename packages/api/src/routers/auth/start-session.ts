import type { IssuedSession } from "@codelab/core";
import type { Context } from "../../context.js";

/** Puts the refresh token in its cookie and answers with the access token only. */
export function startSession({ request }: Context, session: IssuedSession) {
  const { refreshToken, refreshTokenExpiresIn, ...publicPart } = session;
  request.refreshToken.write(refreshToken, refreshTokenExpiresIn);
  return publicPart;
}
