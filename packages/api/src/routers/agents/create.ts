import { agentOutput, createAgentInput } from "@codelab/contracts";
import { createAgent } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const create = projectProcedure
  .input(createAgentInput)
  .output(agentOutput)
  .mutation(({ ctx, input }) => createAgent(ctx.deps, { userId: ctx.userId, ...input }));
