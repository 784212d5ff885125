import { agentListOutput, listAgentsInput } from "@codelab/contracts";
import { listAgents } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const list = projectProcedure
  .input(listAgentsInput)
  .output(agentListOutput)
  .query(({ ctx, input }) => listAgents(ctx.deps, { userId: ctx.userId, ...input }));
