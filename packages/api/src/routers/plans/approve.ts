import { approvePlanInput, planOutput } from "@codelab/contracts";
import { approvePlan } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const approve = projectProcedure
  .input(approvePlanInput)
  .output(planOutput)
  .mutation(({ ctx, input }) => approvePlan(ctx.deps, { userId: ctx.userId, ...input }));
