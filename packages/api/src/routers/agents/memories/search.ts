import { memorySearchOutput, searchMemoriesInput } from "@codelab/contracts";
import { searchAgentMemories } from "@codelab/core";
import { projectProcedure } from "../../../trpc.js";

export const search = projectProcedure
  .input(searchMemoriesInput)
  .output(memorySearchOutput)
  .query(({ ctx, input }) => searchAgentMemories(ctx.deps, { userId: ctx.userId, ...input }));
