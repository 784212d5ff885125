import { createProjectInput, projectOutput } from "@codelab/contracts";
import { createProject } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const create = protectedProcedure
  .input(createProjectInput)
  .output(projectOutput)
  .mutation(({ ctx, input }) => createProject({ ...ctx.deps, workspaces: ctx.deps.tools.workspaces }, { userId: ctx.userId, ...input }));
