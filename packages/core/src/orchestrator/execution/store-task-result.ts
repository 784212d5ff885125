import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { EventFailure } from "../../events/event-map.js";
import type { Clock } from "../../ports/clock.js";
import type { ContextualAgentResult } from "../../runtime/run-contextual-agent.js";
import { recordPlanEvents, type PlanEvent } from "../plan-events.js";
import { transitiveDependents } from "./task-graph.js";
import type { TaskResult } from "./task-result.js";
import { readDependencies } from "./task-result.js";

type StoreDependencies = { db: Database; clock: Clock };

/** The attempt a result belongs to: it is stored only while the task is still running that attempt. */
export interface TaskAttempt {
  taskId: string;
  agentId: string | null;
  attempt: number;
}

/** What storing a result did. `superseded`: the task was no longer running this attempt (cancelled, taken over), so nothing was stored. */
export type StoredTaskOutcome =
  | { status: "completed"; output: string }
  | { status: "failed"; error: EventFailure; skippedTaskIds: string[] }
  | { status: "superseded" };

const runningAttempt = (scope: PlanEventScope, task: TaskAttempt) => ({
  planId: scope.planId,
  taskId: task.taskId,
  status: "running",
  attempts: task.attempt,
});

/**
 * Stores a task's answer and usage with `task-end`: once per task, whatever re-runs happen. One
 * statement (atomic on its own, one round trip): this runs once per task on the plan's critical path.
 */
export async function completeTask({ db, clock }: StoreDependencies, scope: PlanEventScope, task: TaskAttempt, run: ContextualAgentResult): Promise<StoredTaskOutcome> {
  const completedAt = clock.now();
  const { completion, cost, latencyMilliseconds, memoriesUsed } = run;
  const result: TaskResult = { output: completion.content, model: completion.model, finishReason: completion.finishReason, memoriesUsed };
  const event: PlanEvent = {
    type: "task-end",
    payload: {
      planId: scope.planId,
      taskId: task.taskId,
      agentId: task.agentId ?? "",
      status: "completed",
      output: completion.content,
      usage: { promptTokens: completion.usage.promptTokens, completionTokens: completion.usage.completionTokens },
      costUsd: cost,
      latencyMilliseconds,
      completedAt: completedAt.toISOString(),
    },
  };
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    WITH stored AS (
      UPDATE task_plan_tasks
      SET status = 'completed', result = ${JSON.stringify(result)}::jsonb, completed_at = ${completedAt},
        actual_cost = ${cost}, actual_duration = ${latencyMilliseconds},
        prompt_tokens = ${completion.usage.promptTokens}, completion_tokens = ${completion.usage.completionTokens}
      WHERE plan_id = ${scope.planId}::uuid AND task_id = ${task.taskId} AND status = 'running' AND attempts = ${task.attempt}
      RETURNING id
    ), recorded AS (
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${scope.userId}::uuid, ${scope.projectId}::uuid, ${scope.sessionId}::uuid, ${scope.planId}::uuid, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      FROM stored
    )
    SELECT id::text FROM stored`;
  return rows.length > 0 ? { status: "completed", output: completion.content } : { status: "superseded" };
}

/** Marks a task failed and every pending task that needs it skipped, with `task-fail` naming them. */
export async function failTask(
  { db, clock }: StoreDependencies,
  scope: PlanEventScope,
  task: TaskAttempt & { durationMilliseconds: number },
  error: EventFailure,
): Promise<StoredTaskOutcome> {
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
