import { addMemoryInput, memoryOutput } from "@codelab/contracts";
import { addAgentMemory } from "@codelab/core";
import { projectProcedure } from "../../../trpc.js";

export const add = projectProcedure
  .input(addMemoryInput)
  .output(memoryOutput)
  .mutation(({ ctx, input }) => addAgentMemory(ctx.deps, { userId: ctx.userId, ...input }));
