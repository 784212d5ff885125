import { registerInput, sessionTokensOutput } from "@codelab/contracts";
import { registerUser } from "@codelab/core";
import { publicProcedure } from "../../trpc.js";
import { startSession } from "./start-session.js";

export const register = publicProcedure
  .input(registerInput)
  .output(sessionTokensOutput)
  .mutation(async ({ ctx, input }) => startSession(ctx, await registerUser(ctx.deps, input)));
