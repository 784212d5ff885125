import type { Prisma } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { PlanEventScope } from "../../events/event-bus.js";

export const planScopeSelect = { id: true, userId: true, projectId: true, sessionId: true } satisfies Prisma.TaskPlanSelect;

type PlanScopeRow = Prisma.TaskPlanGetPayload<{ select: typeof planScopeSelect }>;

/** Where a plan's events go. Plans start from a chat message, so one without a session is a bug upstream. */
export function toPlanEventScope(plan: PlanScopeRow): PlanEventScope {
  if (!plan.sessionId) throw new AppError("INTERNAL", `Plan ${plan.id} has no chat session to report to`);
  return { planId: plan.id, userId: plan.userId, projectId: plan.projectId, sessionId: plan.sessionId };
}
