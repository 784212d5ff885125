import { projectIdInput, projectOutput } from "@codelab/contracts";
import { projectProcedure } from "../../trpc.js";

export const get = projectProcedure
  .input(projectIdInput)
  .output(projectOutput)
  .query(({ ctx }) => ctx.project);
