import { sessionIdInput, sessionOutput } from "@codelab/contracts";
import { getSession } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const get = projectProcedure
  .input(sessionIdInput)
  .output(sessionOutput)
  .query(({ ctx, input }) => getSession(ctx.deps, { userId: ctx.userId, ...input }));
