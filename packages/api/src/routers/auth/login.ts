import { loginInput, sessionTokensOutput } from "@codelab/contracts";
import { loginUser } from "@codelab/core";
import { publicProcedure } from "../../trpc.js";
import { startSession } from "./start-session.js";

export const login = publicProcedure
  .input(loginInput)
  .output(sessionTokensOutput)
  .mutation(async ({ ctx, input }) =>
    startSession(ctx, await loginUser(ctx.deps, { ...input, clientIp: ctx.request.clientIp })),
  );
