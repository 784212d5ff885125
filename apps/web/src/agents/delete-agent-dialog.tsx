import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc/trpc.js";
import { ConfirmDialog } from "../ui/confirm-dialog.js";
import { useToasts } from "../ui/toaster.js";
import type { Agent } from "./agent-types.js";

export function DeleteAgentDialog({ projectId, agent, onClose }: { projectId: string; agent: Agent; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const remove = useMutation(
    trpc.agents.delete.mutationOptions({
      onSuccess: async () => {
        toasts.show("success", `${agent.name} deleted`);
        onClose();
        await queryClient.invalidateQueries(trpc.agents.list.queryFilter({ projectId }));
      },
    }),
  );
  return (
    <ConfirmDialog
      title={`Delete ${agent.name}?`}
      confirmLabel="Delete agent"
      pending={remove.isPending}
      onConfirm={() => remove.mutate({ projectId, agentId: agent.id })}
      onCancel={onClose}
    >
      The agent and everything it remembers are deleted. Messages it already wrote stay in their chats.
    </ConfirmDialog>
  );
}
