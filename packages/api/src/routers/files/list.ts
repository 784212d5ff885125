import { fileListOutput, listFilesInput } from "@codelab/contracts";
import { listFiles } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const list = projectProcedure
  .input(listFilesInput)
  .output(fileListOutput)
  .query(({ ctx, input }) => listFiles({ workspace: ctx.deps.tools.workspaces.open(ctx.project.id) }, input));
