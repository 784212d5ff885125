import { dangerousTools, type AgentConfig } from "@codelab/contracts";

export interface ApprovalDecision {
  requiresApproval: boolean;
  /** Says which rule applied (both, when both did); null when none did. */
  approvalReason: string | null;
}

const dangerous = new Set<string>(dangerousTools);

/** The dangerous tools an agent holds, in its own order. */
export function dangerousToolsOf(config: Pick<AgentConfig, "tools">): string[] {
  return config.tools.filter((tool) => dangerous.has(tool));
}

/** Cents, and sub-cent digits only where they matter: $0.10, $0.1234, $0.005, $12.50. */
export function formatUsd(amount: number): string {
  const precise = amount.toFixed(Math.abs(amount) < 1 ? 4 : 2);
  return `$${precise.replace(/(\.\d\d\d*?)0+$/, "$1")}`;
}

/**
 * A plan waits for the user when its estimate exceeds the user's threshold, or when any of its
 * tasks goes to an agent that holds a tool able to run code.
 */
export function decideApproval({
  totalCostUsd,
  thresholdUsd,
  assignedAgents,
}: {
  totalCostUsd: number;
  thresholdUsd: number;
  /** The agents the plan's tasks are assigned to, each once. */
  assignedAgents: ReadonlyArray<{ name: string; config: Pick<AgentConfig, "tools"> }>;
}): ApprovalDecision {
  const reasons: string[] = [];
  if (totalCostUsd > thresholdUsd) {
    reasons.push(`The estimated cost of ${formatUsd(totalCostUsd)} exceeds your approval threshold of ${formatUsd(thresholdUsd)}.`);
  }
  const risky = assignedAgents.flatMap(({ name, config }) => {
    const tools = dangerousToolsOf(config);
    return tools.length > 0 ? [`${name} (${tools.join(", ")})`] : [];
  });
  if (risky.length > 0) reasons.push(`Tasks use agents with tools that run code: ${risky.join("; ")}.`);
  return { requiresApproval: reasons.length > 0, approvalReason: reasons.length > 0 ? reasons.join(" ") : null };
}
