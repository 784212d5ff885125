import { listMessagesInput, messageListOutput } from "@codelab/contracts";
import { listMessages } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const list = projectProcedure
  .input(listMessagesInput)
  .output(messageListOutput)
  .query(({ ctx, input }) => listMessages(ctx.deps, { userId: ctx.userId, ...input }));
