import { listPlansInput, planListOutput } from "@codelab/contracts";
import { listPlans } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const list = projectProcedure
  .input(listPlansInput)
  .output(planListOutput)
  .query(({ ctx, input }) => listPlans(ctx.deps, { userId: ctx.userId, ...input }));
