import { planIdInput, planOutput } from "@codelab/contracts";
import { getPlan } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const get = projectProcedure
  .input(planIdInput)
  .output(planOutput)
  .query(({ ctx, input }) => getPlan(ctx.deps, { userId: ctx.userId, ...input }));
