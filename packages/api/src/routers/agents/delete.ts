import { z } from "zod";
import { agentIdInput } from "@codelab/contracts";
import { deleteAgent } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const remove = projectProcedure
  .input(agentIdInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteAgent(ctx.deps, { userId: ctx.userId, ...input });
    return { deleted: true as const };
  });
