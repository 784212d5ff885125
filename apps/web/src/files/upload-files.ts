import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc.js";
import { useToasts } from "../ui/toaster.js";
import { forgetWorkspaceFiles } from "./use-workspace-file.js";
import { useWorkspaceClient } from "./workspace-client.js";
import { describeUploadError } from "./workspace-request-error.js";
import { joinPath } from "./workspace-path.js";

export interface UploadOutcome {
  uploaded: string[];
  /** One sentence per file the server refused, saying why. */
  failures: string[];
}

/**
 * Uploads files into a folder of the workspace, one after another, replacing files of the same
 * name. One refused file (too large, say) does not stop the others; each refusal is reported.
 */
export function useUploadFiles(projectId: string) {
  const trpc = useTRPC();
  const client = useWorkspaceClient(projectId);
  const queryClient = useQueryClient();
  const toasts = useToasts();
  return useMutation({
    meta: { inlineErrors: true },
    mutationFn: async ({ folder, files }: { folder: string; files: readonly File[] }): Promise<UploadOutcome> => {
      const outcome: UploadOutcome = { uploaded: [], failures: [] };
      for (const file of files) {
        try {
          const entry = await client.upload(joinPath(folder, file.name), file);
          outcome.uploaded.push(entry.path);
        } catch (error) {
          outcome.failures.push(describeUploadError(error, file.name));
        }
      }
      return outcome;
    },
    onSuccess: async ({ uploaded }) => {
      if (uploaded.length === 0) return;
      toasts.show("success", uploaded.length === 1 ? `Uploaded ${uploaded[0]}` : `Uploaded ${uploaded.length} files`);
      await Promise.all([queryClient.invalidateQueries(trpc.files.list.pathFilter()), forgetWorkspaceFiles(queryClient, projectId, uploaded)]);
    },
  });
}
