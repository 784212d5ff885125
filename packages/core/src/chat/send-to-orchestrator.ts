import { isAppError } from "../errors/app-error.js";
import { createPlan, preparePlanning } from "../orchestrator/planning/create-plan.js";
import type { OrchestratorDependencies } from "../orchestrator/planning/orchestrator-dependencies.js";
import { planningSpend } from "../orchestrator/planning/persist-plan.js";
import { emptyPlanningUsage, type PlanningUsage } from "../orchestrator/planning/request-plan.js";
import type { PlanRecord } from "../orchestrator/plans/plan-select.js";
import { getProject } from "../projects/get-project.js";
import { getSession } from "../sessions/get-session.js";

export interface SendToOrchestratorOptions {
  userId: string;
  projectId: string;
  sessionId: string;
  content: string;
  signal?: AbortSignal | undefined;
}

/**
 * Orchestrator mode: the message becomes a plan over the project's agents. Answers with the plan
 * as soon as it is stored (waiting for approval, or already executing); the final answer arrives
 * later as an assistant message and a `plan-end` event. When no plan can be made, an assistant
 * message in the session says why, the planning spend is recorded, and the error is thrown.
 */
export async function sendToOrchestrator(deps: OrchestratorDependencies, options: SendToOrchestratorOptions): Promise<PlanRecord> {
  const { userId, projectId, sessionId, content, signal } = options;
  await getProject(deps, { userId, projectId });
  await getSession(deps, { userId, projectId, sessionId });
  const prepared = await preparePlanning(deps, { userId, projectId, request: content });

  const userMessage = await deps.db.message.create({
    data: { sessionId, userId, role: "user", content, metadata: { mode: "orchestrator" } },
    select: { id: true },
  });
  const usage = emptyPlanningUsage(deps.orchestrator.plannerModel);
  try {
    return await createPlan(deps, { userId, projectId, sessionId, request: content, userMessageId: userMessage.id, prepared, usage, signal });
  } catch (error) {
    await recordPlanningFailure(deps, { userId, sessionId, userMessageId: userMessage.id, usage, error });
    throw error;
  }
}

async function recordPlanningFailure(
  { db }: OrchestratorDependencies,
  { userId, sessionId, userMessageId, usage, error }: { userId: string; sessionId: string; userMessageId: string; usage: PlanningUsage; error: unknown },
): Promise<void> {
  const failure = isAppError(error)
    ? { code: error.code, message: error.message, details: error.details }
    : { code: "INTERNAL", message: "Internal error", details: {} };
  await db.$transaction([
    db.message.update({ where: { id: userMessageId }, data: planningSpend(usage) }),
    db.message.create({
      data: {
        sessionId,
        userId,
        role: "assistant",
        content: `I could not make a plan for this request. ${failure.message}`,
        metadata: { mode: "orchestrator", error: failure },
      },
    }),
  ]);
}
