import { useMutation, useQueryClient } from "@tanstack/react-query";
import { navigate } from "../navigation/location.js";
import { projectPath } from "../navigation/route.js";
import { useTRPC } from "../trpc/trpc.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { useToasts } from "../ui/toaster.js";
import { sessionTitle, type ChatSession } from "./session-types.js";

export function DeleteSessionDialog({
  projectId,
  session,
  isOpen,
  onClose,
}: {
  projectId: string;
  session: ChatSession;
  /** The chat on screen is being deleted, so the page moves away from it. */
  isOpen: boolean;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const remove = useMutation(
    trpc.sessions.delete.mutationOptions({
      onSuccess: async () => {
        toasts.show("success", "Chat deleted");
        onClose();
        if (isOpen) navigate(projectPath(projectId));
        await queryClient.invalidateQueries(trpc.sessions.list.queryFilter());
      },
    }),
  );
  return (
    <ConfirmDialog
      title={`Delete “${sessionTitle(session)}”?`}
      confirmLabel="Delete chat"
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ projectId, sessionId: session.id })}
      onCancel={onClose}
    >
      Its messages are deleted with it. This cannot be undone.
    </ConfirmDialog>
  );
}
