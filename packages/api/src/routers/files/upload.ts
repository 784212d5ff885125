import { fileEntryOutput, uploadFileInput } from "@codelab/contracts";
import { uploadFile } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const upload = projectProcedure
  .input(uploadFileInput)
  .output(fileEntryOutput)
  .mutation(({ ctx, input }) =>
    uploadFile({ workspace: ctx.deps.tools.workspaces.open(ctx.project.id) }, { path: input.path, content: Buffer.from(input.contentBase64, "base64") }),
  );
