import { z } from "zod";
import { deleteFileInput } from "@codelab/contracts";
import { deleteFile } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const remove = projectProcedure
  .input(deleteFileInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteFile({ workspace: ctx.deps.tools.workspaces.open(ctx.project.id) }, input);
    return { deleted: true as const };
  });
