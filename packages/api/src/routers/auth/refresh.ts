import { sessionTokensOutput } from "@codelab/contracts";
import { AppError, refreshSession } from "@codelab/core";
import { publicProcedure } from "../../trpc.js";
import { startSession } from "./start-session.js";

/** Trades the refresh cookie for a new access token and a new (rotated) cookie. */
export const refresh = publicProcedure.output(sessionTokensOutput).mutation(async ({ ctx }) => {
  const refreshToken = ctx.request.refreshToken.read();
  if (!refreshToken) {
    throw new AppError("UNAUTHENTICATED", "No session to renew; sign in", { details: { reason: "missing_token" } });
  }
  try {
    return startSession(ctx, await refreshSession(ctx.deps, { refreshToken }));
  } catch (error) {
    ctx.request.refreshToken.clear();
    throw error;
  }
});
