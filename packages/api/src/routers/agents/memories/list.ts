import { listMemoriesInput, memoryListOutput } from "@codelab/contracts";
import { listAgentMemories } from "@codelab/core";
import { projectProcedure } from "../../../trpc.js";

export const list = projectProcedure
  .input(listMemoriesInput)
  .output(memoryListOutput)
  .query(({ ctx, input }) => listAgentMemories(ctx.deps, { userId: ctx.userId, ...input }));
