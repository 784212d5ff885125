import { z } from "zod";
import { projectIdInput } from "@codelab/contracts";
import { deleteProject } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const remove = protectedProcedure
  .input(projectIdInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteProject({ ...ctx.deps, workspaces: ctx.deps.tools.workspaces }, { userId: ctx.userId, ...input });
    return { deleted: true as const };
  });
