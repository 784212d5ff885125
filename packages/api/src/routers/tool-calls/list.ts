import { listToolCallsInput, toolCallListOutput } from "@codelab/contracts";
import { listToolCalls } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const list = projectProcedure
  .input(listToolCallsInput)
  .output(toolCallListOutput)
  .query(({ ctx, input }) => listToolCalls(ctx.deps, { userId: ctx.userId, ...input }));
