import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import { recordPlanEvents } from "../plan-events.js";

export interface ClaimableTask {
  taskId: string;
  agentId: string | null;
  agentName: string;
  /** `running` only for a task a stopped process left behind. */
  status: "pending" | "running";
  attempts: number;
}

/**
 * Moves a task to `running` with its next attempt and records `task-start`, in one transaction.
 * A task left `running` by a process that died is taken over the same way (at least once).
 * Returns the attempt, or undefined when the task is no longer as the caller saw it
 * (cancelled, or taken over by another process) and must not run.
 */
export async function claimTask({ db, clock }: { db: Database; clock: Clock }, scope: PlanEventScope, task: ClaimableTask): Promise<number | undefined> {
  const startedAt = clock.now();
  const attempt = task.attempts + 1;
  return db.$transaction(async (transaction) => {
    const { count } = await transaction.taskPlanTask.updateMany({
      where: { planId: scope.planId, taskId: task.taskId, status: task.status, attempts: task.attempts },
      data: { status: "running", attempts: attempt, startedAt, error: null },
    });
    if (count === 0) return undefined;
    await recordPlanEvents(transaction, scope, [
      {
        type: "task-start",
        payload: {
          planId: scope.planId,
          taskId: task.taskId,
          agentName: task.agentName,
          agentId: task.agentId ?? "",
          status: "running",
          startedAt: startedAt.toISOString(),
        },
      },
    ]);
    return attempt;
  });
}
