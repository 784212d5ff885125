import type { Database, Prisma } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import { recordPlanEvents, type PlanEvent } from "../plan-events.js";
import { planNotFound } from "../plans/plan-select.js";

export const decisionSelect = {
  id: true,
  userId: true,
  projectId: true,
  sessionId: true,
  status: true,
  version: true,
  approvalExpiresAt: true,
  endReason: true,
  totalEstimatedCost: true,
} satisfies Prisma.TaskPlanSelect;

export type PlanForDecision = Prisma.TaskPlanGetPayload<{ select: typeof decisionSelect }>;

export interface PlanScope {
  userId: string;
  projectId: string;
  planId: string;
}

/** The caller's plan, or PLAN_NOT_FOUND exactly as for a plan that does not exist. */
export async function findPlanForDecision({ db }: { db: Database }, { userId, projectId, planId }: PlanScope): Promise<PlanForDecision> {
  const plan = await db.taskPlan.findFirst({ where: { id: planId, userId, projectId }, select: decisionSelect });
  if (!plan) throw planNotFound();
  return plan;
}

/** Expiry is computed from the stored deadline, so it holds across restarts and whatever timers ran. */
export const isOverdue = (plan: Pick<PlanForDecision, "approvalExpiresAt">, now: Date) =>
  plan.approvalExpiresAt !== null && plan.approvalExpiresAt.getTime() <= now.getTime();

export function planStateConflict(plan: Pick<PlanForDecision, "status" | "version" | "endReason">, action: "approved" | "rejected"): AppError {
  const why = plan.status === "pending_approval" ? "it has changed since you reviewed it" : `it is ${plan.status.replace("_", " ")}`;
  return new AppError("PLAN_STATE_CONFLICT", `The plan cannot be ${action}: ${why}.`, {
    details: { status: plan.status, version: plan.version, endReason: plan.endReason },
  });
}

const eventScopeOf = (plan: Pick<PlanForDecision, "id" | "userId" | "projectId" | "sessionId">): PlanEventScope | undefined =>
  plan.sessionId === null ? undefined : { userId: plan.userId, projectId: plan.projectId, sessionId: plan.sessionId, planId: plan.id };

/**
 * Moves a plan out of `pending_approval` if, and only if, it still matches `where` when the row
 * is updated: one conditional UPDATE, so of any number of concurrent decisions exactly one
 * succeeds. The event is written in the same transaction. False when another decision came first.
 */
export async function leavePendingApproval(
  { db }: { db: Database },
  {
    plan,
    where,
    data,
    events,
  }: {
    plan: Pick<PlanForDecision, "id" | "userId" | "projectId" | "sessionId">;
    where: Prisma.TaskPlanWhereInput;
    data: Prisma.TaskPlanUpdateManyMutationInput;
    events: PlanEvent[];
  },
): Promise<boolean> {
  return db.$transaction(
    async (transaction) => {
      const { count } = await transaction.taskPlan.updateMany({
        where: { ...where, id: plan.id, userId: plan.userId, status: "pending_approval" },
        data,
      });
      if (count === 0) return false;
      const scope = eventScopeOf(plan);
      if (scope) await recordPlanEvents(transaction, scope, events);
      return true;
    },
    // Many decisions on one plan may queue for the pool at once; each is short, so waiting beats failing.
    { maxWait: 10_000, timeout: 10_000 },
  );
}
