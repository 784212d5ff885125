import { toolCallDecisionOutput, toolCallIdInput } from "@codelab/contracts";
import { decideToolCall } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const approve = projectProcedure
  .input(toolCallIdInput)
  .output(toolCallDecisionOutput)
  .mutation(({ ctx, input }) => decideToolCall(ctx.deps, { userId: ctx.userId, ...input, decision: "approved" }));
