import { useMutation, useQueryClient } from "@tanstack/react-query";
import { navigate } from "../navigation/location.js";
import { useTRPC } from "../trpc/trpc.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { useToasts } from "../ui/toaster.js";
import type { Project } from "./project-types.js";

export function DeleteProjectDialog({ project, onClose }: { project: Project; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const remove = useMutation(
    trpc.projects.delete.mutationOptions({
      onSuccess: async () => {
        toasts.show("success", `“${project.name}” deleted`);
        onClose();
        navigate("/");
        queryClient.removeQueries(trpc.projects.get.queryFilter({ projectId: project.id }));
        await queryClient.invalidateQueries(trpc.projects.list.queryFilter());
      },
    }),
  );
  return (
    <ConfirmDialog
      title={`Delete “${project.name}”?`}
      confirmLabel="Delete project"
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ projectId: project.id })}
      onCancel={onClose}
    >
      Its agents, their memories, every chat and every plan are deleted. This cannot be undone.
    </ConfirmDialog>
  );
}
