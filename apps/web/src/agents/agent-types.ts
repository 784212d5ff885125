import type { RouterOutputs } from "@codelab/sdk";

export type Agent = RouterOutputs["agents"]["list"]["agents"][number];
export type Memory = RouterOutputs["agents"]["memories"]["list"]["memories"][number];

export const agentStatusLabels: Record<Agent["status"], string> = {
  READY: "Ready",
  BUSY: "Busy",
  ERROR: "Error",
  DISABLED: "Disabled",
};

/** The starter pack keeps its role in metadata; agents the user creates may have none. */
export function agentRole(agent: Agent): string | undefined {
  const role = agent.config.metadata.role;
  return typeof role === "string" ? role : undefined;
}
