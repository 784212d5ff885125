import type { AgentRecord } from "../../agents/agent-select.js";
import { AppError } from "../../errors/app-error.js";
import { countMessageTokens } from "../../llm/token-count.js";
import { decideApproval } from "../approval/approval-rule.js";
import { assertWithinDailyBudget } from "../budget/daily-budget.js";
import { estimatePlan } from "../estimation/estimate-plan.js";
import { loadAgentProfiles, loadModelObservations } from "../estimation/load-estimate-context.js";
import type { PlanGraph } from "../plan-graph.js";
import { planCacheKey } from "../plan-cache/plan-cache-key.js";
import { readPlan } from "../plans/get-plan.js";
import type { PlanRecord } from "../plans/plan-select.js";
import type { OrchestratorDependencies } from "./orchestrator-dependencies.js";
import { persistPlan } from "./persist-plan.js";
import { plannerMessages, toRosterAgent, type RosterAgent } from "./planner-prompt.js";
import { loadPlanningAgents } from "./planning-agents.js";
import { requestPlan, type PlanningUsage } from "./request-plan.js";
import { validatePlanGraph } from "./validate-plan-graph.js";

/** What is settled before anything is stored or any model is called. */
export interface PreparedPlanning {
  agents: AgentRecord[];
  roster: RosterAgent[];
  /** A cached structure still valid for today's agents; planning then needs no model call. */
  cachedGraph: PlanGraph | undefined;
}

// A planning answer rarely needs more; the budget check only needs the order of magnitude.
const expectedPlannerOutputTokens = 1000;

/**
 * Loads the agents, looks the request up in the plan cache, and refuses a user at their daily cap
 * before the planning call would spend anything.
 */
export async function preparePlanning(
  deps: OrchestratorDependencies,
  { userId, projectId, request }: { userId: string; projectId: string; request: string },
): Promise<PreparedPlanning> {
  const agents = await loadPlanningAgents(deps, { userId, projectId });
  if (agents.length === 0) {
    throw new AppError("PLAN_INVALID", "The project has no enabled agents to plan with.", { details: { reason: "no_agents", problems: [] } });
  }
  const roster = agents.map((agent) => toRosterAgent(agent.name, agent.config));
  const cached = await deps.planCache.get(planCacheKey({ userId, request, agents }));
  const cachedGraph = cached && validatePlanGraph(cached, roster.map((agent) => agent.name)).length === 0 ? cached : undefined;
  const planningCost = cachedGraph
    ? 0
    : deps.pricing.costOf(deps.orchestrator.plannerModel, {
        promptTokens: countMessageTokens(plannerMessages(request, roster)),
        completionTokens: expectedPlannerOutputTokens,
      });
  await assertWithinDailyBudget(deps, { userId, estimatedCostUsd: planningCost });
  return { agents, roster, cachedGraph };
}

export interface CreatePlanOptions {
  userId: string;
  projectId: string;
  sessionId: string;
  request: string;
  /** The stored user message that asked; it is linked to the plan and carries the planning cost. */
  userMessageId: string;
  prepared: PreparedPlanning;
  /** Filled in as planning calls are made, so a caller can account for them even when planning fails. */
  usage: PlanningUsage;
  signal?: AbortSignal | undefined;
}

/**
 * Plans (or reuses a cached structure), estimates, decides on approval and stores the plan; once
 * its events are published, an `executing` plan is handed to the execution engine.
 */
export async function createPlan(deps: OrchestratorDependencies, options: CreatePlanOptions): Promise<PlanRecord> {
  const { userId, projectId, sessionId, request, userMessageId, prepared, usage, signal } = options;
  const graph =
    prepared.cachedGraph ??
    (await requestPlan(deps, { model: deps.orchestrator.plannerModel, request, roster: prepared.roster, usage, signal })).graph;

  const agentsByName = new Map(prepared.agents.map((agent) => [agent.name, agent]));
  const assigned = [...new Set(graph.tasks.map((task) => task.agent))].map((name) => agentsByName.get(name)!);
  const [profiles, observations, user] = await Promise.all([
    loadAgentProfiles(deps, { userId, projectId, agents: assigned }),
    loadModelObservations(deps, assigned.map((agent) => agent.config.model)),
    deps.db.user.findUniqueOrThrow({ where: { id: userId }, select: { approvalThresholdUsd: true } }),
  ]);
  const estimate = estimatePlan(graph, { request, agents: profiles, observations, pricing: deps.pricing, embeddingModel: deps.embedder.model });
  // The planning calls are spent already; they count against the cap like the tasks to come.
  await assertWithinDailyBudget(deps, { userId, estimatedCostUsd: estimate.total.totalCostUsd + usage.costUsd });
  const approval = decideApproval({
    totalCostUsd: estimate.total.totalCostUsd,
    thresholdUsd: user.approvalThresholdUsd,
    assignedAgents: assigned,
  });

  const { planId } = await persistPlan(deps, {
    userId,
    projectId,
    sessionId,
    request,
    userMessageId,
    usage,
    cached: prepared.cachedGraph !== undefined,
    tasks: graph.tasks.map((task) => ({ task, agent: agentsByName.get(task.agent)!, estimate: estimate.tasks.get(task.taskId)! })),
    total: estimate.total,
    approval,
    approvalTimeoutSeconds: deps.orchestrator.approvalTimeoutSeconds,
  });
  await deps.planEvents.publish(planId);
  if (!approval.requiresApproval) deps.planExecutor.start({ planId, userId });
  return readPlan(deps, { userId, projectId, planId });
}
