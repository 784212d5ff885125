import { projectOutput, updateProjectInput } from "@codelab/contracts";
import { updateProject } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const update = protectedProcedure
  .input(updateProjectInput)
  .output(projectOutput)
  .mutation(({ ctx, input }) => updateProject(ctx.deps, { userId: ctx.userId, ...input }));
