import { fileContentOutput, readFileInput } from "@codelab/contracts";
import { readFile } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

export const read = projectProcedure
  .input(readFileInput)
  .output(fileContentOutput)
  .query(async ({ ctx, input }) => {
    const { path, content, size, offset, nextOffset } = await readFile({ workspace: ctx.deps.tools.workspaces.open(ctx.project.id) }, input);
    return { path, contentBase64: content.toString("base64"), size, offset, nextOffset };
  });
