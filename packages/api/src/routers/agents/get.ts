import { agentIdInput, agentOutput } from "@codelab/contracts";
import { getAgent } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const get = projectProcedure
  .input(agentIdInput)
  .output(agentOutput)
  .query(({ ctx, input }) => getAgent(ctx.deps, { userId: ctx.userId, ...input }));
