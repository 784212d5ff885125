import { agentOutput, updateAgentInput } from "@codelab/contracts";
import { updateAgent } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const update = projectProcedure
  .input(updateAgentInput)
  .output(agentOutput)
  .mutation(({ ctx, input }) => updateAgent(ctx.deps, { userId: ctx.userId, ...input }));
