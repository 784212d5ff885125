import { z } from "zod";
import { logoutUser } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

/** Signs the user out everywhere: every access and refresh token stops working at once. */
export const logout = protectedProcedure.output(z.object({ ok: z.literal(true) })).mutation(async ({ ctx }) => {
  await logoutUser(ctx.deps, { userId: ctx.userId });
  ctx.request.refreshToken.clear();
  return { ok: true as const };
});
