import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { EventFailure } from "../../events/event-map.js";
import type { Clock } from "../../ports/clock.js";
import { recordPlanEvents } from "../plan-events.js";
import { transitiveDependents } from "./task-graph.js";
import { readDependencies } from "./task-result.js";

type StoreDependencies = { db: Database; clock: Clock };

/** The attempt a result belongs to: it is stored only while the task is still running that attempt. */
export interface TaskAttempt {
  taskId: string;
  agentId: string | null;
  attempt: number;
}

/** A stored failure. `superseded`: the task was no longer running this attempt (cancelled, taken over), so nothing was stored. */
export type StoredFailure = { status: "failed"; error: EventFailure; skippedTaskIds: string[] } | { status: "superseded" };

const runningAttempt = (scope: PlanEventScope, task: TaskAttempt) => ({
  planId: scope.planId,
  taskId: task.taskId,
  status: "running",
  attempts: task.attempt,
});

/** Marks a task failed and every pending task that needs it skipped, with `task-fail` naming them. */
export async function failTask(
  { db, clock }: StoreDependencies,
  scope: PlanEventScope,
  task: TaskAttempt & { durationMilliseconds: number },
  error: EventFailure,
): Promise<StoredFailure> {
  const failedAt = clock.now();
  return db.$transaction(async (transaction) => {
    const { count } = await transaction.taskPlanTask.updateMany({
      where: runningAttempt(scope, task),
      data: { status: "failed", error: error.message, completedAt: failedAt, actualDuration: task.durationMilliseconds },
    });
    if (count === 0) return { status: "superseded" } as const;
    const tasks = await transaction.taskPlanTask.findMany({
      where: { planId: scope.planId },
      select: { taskId: true, dependencies: true, status: true },
    });
    const pending = new Set(tasks.filter((row) => row.status === "pending").map((row) => row.taskId));
    const graph = tasks.map((row) => ({ taskId: row.taskId, dependencies: readDependencies(row.dependencies), status: "pending" as const }));
    const skippedTaskIds = transitiveDependents(graph, task.taskId).filter((taskId) => pending.has(taskId));
    if (skippedTaskIds.length > 0) {
      await transaction.taskPlanTask.updateMany({
        where: { planId: scope.planId, taskId: { in: skippedTaskIds }, status: "pending" },
        data: { status: "skipped", completedAt: failedAt },
      });
    }
    await recordPlanEvents(transaction, scope, [
      {
        type: "task-fail",
        payload: {
          planId: scope.planId,
          taskId: task.taskId,
          agentId: task.agentId ?? "",
          status: "failed",
          error,
          skippedTaskIds,
          failedAt: failedAt.toISOString(),
        },
      },
    ]);
    return { status: "failed", error, skippedTaskIds } as const;
  });
}
