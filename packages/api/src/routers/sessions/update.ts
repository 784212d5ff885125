import { sessionOutput, updateSessionInput } from "@codelab/contracts";
import { updateSession } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const update = projectProcedure
  .input(updateSessionInput)
  .output(sessionOutput)
  .mutation(({ ctx, input }) => updateSession(ctx.deps, { userId: ctx.userId, ...input }));
