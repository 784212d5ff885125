import { planOutput, rejectPlanInput } from "@codelab/contracts";
import { rejectPlan } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const reject = projectProcedure
  .input(rejectPlanInput)
  .output(planOutput)
  .mutation(({ ctx, input }) => rejectPlan(ctx.deps, { userId: ctx.userId, ...input }));
