import { userOutput } from "@codelab/contracts";
import { getUser } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const me = protectedProcedure.output(userOutput).query(({ ctx }) => getUser(ctx.deps, { userId: ctx.userId }));
