import { updateUserSettingsInput, userSettingsOutput } from "@codelab/contracts";
import { updateUserSettings } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

export const update = protectedProcedure
  .input(updateUserSettingsInput)
  .output(userSettingsOutput)
  .mutation(({ ctx, input }) => updateUserSettings(ctx.deps, { userId: ctx.userId, ...input }));
