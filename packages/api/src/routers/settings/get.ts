import { userSettingsOutput } from "@codelab/contracts";
import { getUserSettings } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const get = protectedProcedure.output(userSettingsOutput).query(({ ctx }) => getUserSettings(ctx.deps, { userId: ctx.userId }));
