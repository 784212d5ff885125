import { z } from "zod";
import { memoryIdInput } from "@codelab/contracts";
import { deleteAgentMemory } from "@codelab/core";
import { projectProcedure } from "../../../trpc.js";

export const remove = projectProcedure
  .input(memoryIdInput)
  .output(z.object({ deleted: z.literal(true) }))
  .mutation(async ({ ctx, input }) => {
    await deleteAgentMemory(ctx.deps, { userId: ctx.userId, ...input });
    return { deleted: true as const };
  });
