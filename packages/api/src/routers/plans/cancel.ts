import { planIdInput, planOutput } from "@codelab/contracts";
import { cancelPlan } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const cancel = projectProcedure
  .input(planIdInput)
  .output(planOutput)
  .mutation(({ ctx, input }) => cancelPlan(ctx.deps, { userId: ctx.userId, ...input }));
