import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import type { PlanEvent } from "../plan-events.js";
import { taskStepColumns, toTaskStepInput, type TaskStepInput, type TaskStepRow } from "./load-task-step.js";

export interface ClaimableTask {
  taskId: string;
  agentId: string | null;
  agentName: string;
  /** `running` only for a task a stopped process left behind. */
  status: "pending" | "running";
  attempts: number;
}

/**
 * Moves a task to `running` with its next attempt and records `task-start`, in one statement
 * (atomic on its own, one round trip: this runs once per task on the plan's critical path).
 * The statement itself checks what makes a claim valid, so no caller's stale view can start a
 * task wrongly: the plan is still executing, the task is as the caller saw it, and every task it
 * depends on has completed. A task left `running` by a process that died is taken over the same
 * way (at least once). Returns the attempt with the step as `loadTaskStep` would read it (saving
 * the step a read of its own), or undefined when the task must not run.
 */
export async function claimTask(
  { db, clock }: { db: Database; clock: Clock },
  scope: PlanEventScope,
  task: ClaimableTask,
): Promise<{ attempt: number; step: TaskStepInput } | undefined> {
  const startedAt = clock.now();
  const attempt = task.attempts + 1;
  const event: PlanEvent = {
    type: "task-start",
    payload: {
      planId: scope.planId,
      taskId: task.taskId,
      agentName: task.agentName,
      agentId: task.agentId ?? "",
      status: "running",
      startedAt: startedAt.toISOString(),
    },
  };
  const rows = await db.$queryRaw<TaskStepRow[]>`
    WITH claimed AS (
      UPDATE task_plan_tasks AS task
      SET status = 'running', attempts = ${attempt}, started_at = ${startedAt}, error = NULL
      WHERE task.plan_id = ${scope.planId}::uuid
        AND task.task_id = ${task.taskId}
        AND task.status = ${task.status}
        AND task.attempts = ${task.attempts}
        AND EXISTS (SELECT 1 FROM task_plans AS plan WHERE plan.id = task.plan_id AND plan.status = 'executing')
        AND NOT EXISTS (
          SELECT 1 FROM task_plan_tasks AS dependency
          WHERE dependency.plan_id = task.plan_id
            AND dependency.task_id IN (SELECT jsonb_array_elements_text(task.dependencies))
            AND dependency.status <> 'completed'
        )
      RETURNING task.*
    ), recorded AS (
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${scope.userId}::uuid, ${scope.projectId}::uuid, ${scope.sessionId}::uuid, ${scope.planId}::uuid, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      FROM claimed
    )
    SELECT ${taskStepColumns}
    FROM claimed AS task
    JOIN task_plans AS plan ON plan.id = task.plan_id`;
  const [row] = rows;
  return row ? { attempt, step: toTaskStepInput(row) } : undefined;
}
