import type { Database } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import { recordPlanEvents, type PlanEvent } from "../plan-events.js";
import type { TaskStatus } from "../plan-graph.js";
import { planNotFound } from "../plans/plan-select.js";
import { observedLatencies, recordModelLatencies } from "./model-latency-stats.js";
import { actualColumns, elapsedSince, planActuals } from "./plan-actuals.js";
import { planScopeSelect, toPlanEventScope } from "./plan-scope.js";

/** Plans a user may still cancel: not yet started, waiting for approval, or running. */
const cancellableStatuses = ["created", "pending_approval", "executing"];
const unfinishedTaskStatuses = ["pending", "running"];

async function refuse(db: Pick<Database, "taskPlan">, { planId, userId }: { planId: string; userId: string }): Promise<never> {
  const plan = await db.taskPlan.findFirst({ where: { id: planId, userId }, select: { status: true } });
  if (!plan) throw planNotFound();
  throw new AppError("PLAN_STATE_CONFLICT", `The plan has already ended (${plan.status})`, { details: { planId, status: plan.status } });
}

/**
 * Ends a plan as `cancelled` with every unfinished task, in one transaction with `task-fail`
 * (status cancelled) for each task that was running and `plan-end`. Only the owner's plan, and only
 * while it can still be cancelled; the actuals and the models' latency statistics keep what the
 * completed tasks spent and observed.
 */
export async function markPlanCancelled({ db, clock }: { db: Database; clock: Clock }, { planId, userId }: { planId: string; userId: string }): Promise<PlanEventScope> {
  const endedAt = clock.now();
  return db.$transaction(async (transaction) => {
    const { count } = await transaction.taskPlan.updateMany({
      where: { id: planId, userId, status: { in: cancellableStatuses } },
      data: { status: "cancelled", completedAt: endedAt, endReason: "user" },
    });
    if (count === 0) return refuse(transaction, { planId, userId });
    const plan = await transaction.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: { ...planScopeSelect, startedAt: true } });
    const scope = toPlanEventScope(plan);
    const running = await transaction.taskPlanTask.findMany({ where: { planId, status: "running" }, select: { taskId: true } });
    await transaction.taskPlanTask.updateMany({ where: { planId, status: { in: unfinishedTaskStatuses } }, data: { status: "cancelled", completedAt: endedAt } });
    // Read after the update: a task whose result was committed meanwhile counts as completed, with its cost.
    const tasks = await transaction.taskPlanTask.findMany({
      where: { planId },
      select: { taskId: true, agentId: true, status: true, result: true, actualCost: true, actualDuration: true, promptTokens: true, completionTokens: true },
      orderBy: [{ createdAt: "asc" }, { taskId: "asc" }],
    });
    const actual = planActuals(tasks, elapsedSince(plan.startedAt, endedAt));
    await transaction.taskPlan.update({ where: { id: planId }, data: actualColumns(actual) });
    await recordModelLatencies(transaction, observedLatencies(tasks));

    const wasRunning = new Set(running.map((task) => task.taskId));
    const stopped: PlanEvent[] = tasks
      .filter((task) => wasRunning.has(task.taskId) && task.status === "cancelled")
      .map((task) => ({
        type: "task-fail",
        payload: {
          planId,
          taskId: task.taskId,
          agentId: task.agentId ?? "",
          status: "cancelled",
          error: { code: "LLM_CANCELLED", message: "The plan was cancelled" },
          skippedTaskIds: [],
          failedAt: endedAt.toISOString(),
        },
      }));
    await recordPlanEvents(transaction, scope, [
      ...stopped,
      {
        type: "plan-end",
        payload: {
          planId,
          status: "cancelled",
          tasks: tasks.map((task) => ({ taskId: task.taskId, status: task.status as TaskStatus })),
          actual,
          finalMessageId: null,
          endedAt: endedAt.toISOString(),
        },
      },
    ]);
    return scope;
  });
}
