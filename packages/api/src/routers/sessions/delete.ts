import { z } from "zod";
import { sessionIdInput } from "@codelab/contracts";
import { deleteSession } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const remove = projectProcedure
  .input(sessionIdInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteSession(ctx.deps, { userId: ctx.userId, ...input });
    return { deleted: true as const };
  });
