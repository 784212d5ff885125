import type { Database } from "@codelab/db";
import type { AgentRecord } from "../../agents/agent-select.js";
import type { Pricing } from "../../llm/pricing.js";
import type { Embedder } from "../../memory/embedder.js";
import { estimateCall } from "./estimate-plan.js";
import { loadAgentProfiles, loadModelObservations, type ProfileDependencies } from "./load-estimate-context.js";

/** The expected cost of one direct message to `agent`, priced like a plan task with no dependencies. */
export async function estimateDirectCallCost(
  deps: ProfileDependencies & { db: Database; pricing: Pricing; embedder: Embedder },
  { userId, projectId, agent, content }: { userId: string; projectId: string; agent: AgentRecord; content: string },
): Promise<number> {
  const [profiles, observations] = await Promise.all([
    loadAgentProfiles(deps, { userId, projectId, agents: [agent] }),
    loadModelObservations(deps, [agent.config.model]),
  ]);
  const context = { request: "", agents: profiles, observations, pricing: deps.pricing, embeddingModel: deps.embedder.model };
  return estimateCall(context, profiles.get(agent.name)!, { description: content, expectedOutput: "" }, 0).costUsd;
}
