import type { Clock } from "../../ports/clock.js";
import { getSession } from "../../sessions/get-session.js";
import { expireOverdueApprovals } from "../approval/expire-overdue-approvals.js";
import type { ExpiryDependencies } from "../approval/expire-plan.js";
import { planSummarySelect, toPlanSummary, type PlanSummaryRecord } from "./plan-select.js";

export interface ListPlansOptions {
  userId: string;
  projectId: string;
  sessionId?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * Newest first, without tasks; with `sessionId`, the plans that session started (another user's
 * session is SESSION_NOT_FOUND). Overdue approvals are expired first, so none is listed as waiting.
 */
export async function listPlans(
  deps: ExpiryDependencies & { clock: Clock },
  { userId, projectId, sessionId, limit, offset }: ListPlansOptions,
): Promise<{ plans: PlanSummaryRecord[]; total: number }> {
  if (sessionId) await getSession(deps, { userId, projectId, sessionId });
  await expireOverdueApprovals(deps, { userId, projectId });
  const where = { userId, projectId, ...(sessionId ? { sessionId } : {}) };
  const [rows, total] = await Promise.all([
    deps.db.taskPlan.findMany({ where, select: planSummarySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, skip: offset }),
    deps.db.taskPlan.count({ where }),
  ]);
  return { plans: rows.map(toPlanSummary), total };
}
