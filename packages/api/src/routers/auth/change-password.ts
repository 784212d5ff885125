import { changePasswordInput, sessionTokensOutput } from "@codelab/contracts";
import { changePassword as changeUserPassword } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";
import { startSession } from "./start-session.js";

export const changePassword = protectedProcedure
  .input(changePasswordInput)
  .output(sessionTokensOutput)
  .mutation(async ({ ctx, input }) =>
    startSession(ctx, await changeUserPassword(ctx.deps, { userId: ctx.userId, ...input })),
  );
