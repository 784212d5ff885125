import type { Database } from "@codelab/db";
import { loadPlanningAgents } from "../planning/planning-agents.js";
import type { PlanCache } from "./plan-cache.js";
import { planCacheKey } from "./plan-cache-key.js";

/**
 * Caches the structure of a plan that completed, so the same request over the same agent set is
 * planned without a model call. The execution engine calls it once the plan's `completed` status
 * is committed; for any other plan it does nothing.
 */
export async function rememberSuccessfulPlan({ db, planCache }: { db: Database; planCache: PlanCache }, { planId }: { planId: string }): Promise<void> {
  const plan = await db.taskPlan.findFirst({
    where: { id: planId, status: "completed" },
    select: {
      userId: true,
      projectId: true,
      originalRequest: true,
      tasks: { select: { taskId: true, description: true, agentName: true, dependencies: true, expectedOutput: true } },
    },
  });
  if (!plan || plan.tasks.length === 0) return;
  const agents = await loadPlanningAgents({ db }, plan);
  const key = planCacheKey({ userId: plan.userId, request: plan.originalRequest, agents });
  await planCache.set(key, {
    tasks: plan.tasks.map((task) => ({
      taskId: task.taskId,
      description: task.description,
      agent: task.agentName,
      dependencies: Array.isArray(task.dependencies) ? task.dependencies.filter((value) => typeof value === "string") : [],
      expectedOutput: task.expectedOutput ?? "",
    })),
  });
}
