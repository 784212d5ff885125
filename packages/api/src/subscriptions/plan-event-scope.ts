import { AppError, getPlan, type PlanEventScope } from "@codelab/core";

/**
 * The scope of a plan's event stream (its session's stream, filtered by plan), once the plan is
 * known to be the user's. PLAN_NOT_FOUND otherwise, and for a plan that has no session to report to.
 */
export async function planEventScope(
  deps: Parameters<typeof getPlan>[0],
  { userId, projectId, planId }: { userId: string; projectId: string; planId: string },
): Promise<PlanEventScope> {
  const plan = await getPlan(deps, { userId, projectId, planId });
  if (!plan.sessionId) throw new AppError("PLAN_NOT_FOUND", "Plan not found");
  return { userId, projectId, sessionId: plan.sessionId, planId };
}
