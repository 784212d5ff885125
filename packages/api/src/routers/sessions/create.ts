import { createSessionInput, sessionOutput } from "@codelab/contracts";
import { createSession } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const create = projectProcedure
  .input(createSessionInput)
  .output(sessionOutput)
  .mutation(({ ctx, input }) => createSession(ctx.deps, { userId: ctx.userId, ...input }));
