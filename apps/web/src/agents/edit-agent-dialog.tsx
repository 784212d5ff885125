import { useMutation, useQueryClient } from "@tanstack/react-query";
import { updateAgentInput } from "@codelab/contracts";
import { useTRPC } from "../trpc/trpc.js";
import { Dialog } from "../ui/dialog.js";
import { useToasts } from "../ui/toaster.js";
import { numberInput } from "../forms/number-input.js";
import { AgentForm, type AgentFormValues } from "./agent-form.js";
import type { Agent } from "./agent-types.js";

function valuesOf(agent: Agent): AgentFormValues {
  const { config } = agent;
  return {
    name: agent.name,
    systemPrompt: config.systemPrompt,
    model: config.model,
    temperature: String(config.temperature),
    maxTokens: String(config.maxTokens),
    tools: [...config.tools],
    enabled: agent.status !== "DISABLED",
  };
}

export function EditAgentDialog({ projectId, agent, onClose }: { projectId: string; agent: Agent; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const update = useMutation(
    trpc.agents.update.mutationOptions({
      meta: { inlineErrors: true },
      onSuccess: async (saved) => {
        toasts.show("success", `${saved.name} saved`);
        onClose();
        await queryClient.invalidateQueries(trpc.agents.list.queryFilter({ projectId }));
      },
    }),
  );
  const wasEnabled = agent.status !== "DISABLED";
  return (
    <Dialog title={`Edit ${agent.name}`} onClose={onClose} size="large">
      <AgentForm
        schema={updateAgentInput}
        initial={valuesOf(agent)}
        toInput={(values) => ({
          projectId,
          agentId: agent.id,
          name: values.name,
          systemPrompt: values.systemPrompt,
          model: values.model,
          tools: values.tools,
          temperature: numberInput(values.temperature),
          maxTokens: numberInput(values.maxTokens),
          // Only a change of the switch touches the status: a busy agent stays busy when its prompt is edited.
          ...(values.enabled === wasEnabled ? {} : { status: values.enabled ? "READY" : "DISABLED" }),
        })}
        onValid={(input) => update.mutate(input)}
        pending={update.isPending}
        error={update.error}
        submitLabel="Save changes"
        showStatus
        onCancel={onClose}
      />
    </Dialog>
  );
}
