import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { useToasts } from "../ui/toaster.js";
import { forgetWorkspaceFiles } from "./use-workspace-file.js";
import type { FileEntry } from "./workspace-client.js";
import { nameOf } from "./workspace-path.js";

export function DeleteFileDialog({ projectId, entry, onClose }: { projectId: string; entry: FileEntry; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const name = nameOf(entry.path);
  const folder = entry.kind === "directory";
  const remove = useMutation(
    trpc.files.delete.mutationOptions({
      onSuccess: async () => {
        toasts.show("success", `${name} deleted`);
        onClose();
        await Promise.all([queryClient.invalidateQueries(trpc.files.list.pathFilter()), forgetWorkspaceFiles(queryClient, projectId)]);
      },
    }),
  );
  return (
    <ConfirmDialog
      title={folder ? `Delete the folder “${name}”?` : `Delete “${name}”?`}
      confirmLabel={folder ? "Delete folder" : "Delete file"}
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ projectId, path: entry.path })}
      onCancel={onClose}
    >
      {folder
        ? "The folder and everything in it are deleted for good. Agents can no longer read them, and the chat no longer shows charts kept in it."
        : "The file is deleted for good. Agents can no longer read it, and if it is a chart, the chat no longer shows it."}
    </ConfirmDialog>
  );
}
