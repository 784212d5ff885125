import { listSessionsInput, sessionListOutput } from "@codelab/contracts";
import { listSessions } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const list = projectProcedure
  .input(listSessionsInput)
  .output(sessionListOutput)
  .query(({ ctx, input }) => listSessions(ctx.deps, { userId: ctx.userId, ...input }));
