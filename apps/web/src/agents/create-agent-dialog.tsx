import { useMutation, useQueryClient } from "@tanstack/react-query";
import { createAgentInput } from "@codelab/contracts";
import { useTRPC } from "../trpc/trpc.js";
import { Dialog } from "../ui/dialog.js";
import { useToasts } from "../ui/toaster.js";
import { numberInput } from "../forms/number-input.js";
import { AgentForm, type AgentFormValues } from "./agent-form.js";

const blank: AgentFormValues = { name: "", systemPrompt: "", model: "", temperature: "0.7", maxTokens: "4096", tools: [], enabled: true };

export function CreateAgentDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const create = useMutation(
    trpc.agents.create.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (agent) => {
        toasts.show("success", `${agent.name} is ready`);
        onClose();
        await queryClient.invalidateQueries(trpc.agents.list.queryFilter({ projectId }));
      },
    }),
  );
  return (
    <Dialog title="New agent" description="Give it a job in its system prompt, then chat with it directly or let the orchestrator use it." onClose={onClose} size="large">
      <AgentForm
        schema={createAgentInput}
        initial={blank}
        toInput={(values) => ({
          projectId,
          name: values.name,
          systemPrompt: values.systemPrompt,
          ...(values.model.trim() ? { model: values.model } : {}),
          tools: values.tools,
          temperature: numberInput(values.temperature),
          maxTokens: numberInput(values.maxTokens),
        })}
        onValid={(input) => create.mutate(input)}
        pending={create.isPending}
        error={create.error}
        submitLabel="Create agent"
        showStatus={false}
        onCancel={onClose}
      />
    </Dialog>
  );
}
