import { listProjectsInput, projectListOutput } from "@codelab/contracts";
import { listProjects } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const list = protectedProcedure
  .input(listProjectsInput)
  .output(projectListOutput)
  .query(({ ctx, input }) => listProjects(ctx.deps, { userId: ctx.userId, ...input }));
