import { randomUUID } from "node:crypto";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { PlanActuals } from "../../events/event-map.js";
import { recordPlanEvents } from "../plan-events.js";
import type { TaskStatus } from "../plan-graph.js";
import type { ExecutionDependencies } from "./execution-settings.js";
import { composeFinalAnswer } from "./final-answer.js";
import { observedLatencies, recordModelLatencies } from "./model-latency-stats.js";
import { actualColumns, elapsedSince, planActuals } from "./plan-actuals.js";
import { answerSources, planOutcome, type PlanOutcomeStatus } from "./task-graph.js";
import { readDependencies, readTaskOutput } from "./task-result.js";

export interface FinishedPlan {
  status: PlanOutcomeStatus;
  actual: PlanActuals;
  totalEstimatedCost: number | null;
  finalMessageId: string | null;
}

export interface FinishPlanOptions {
  synthesisModel: string;
  signal: AbortSignal;
}

async function loadFinishedTasks({ db }: ExecutionDependencies, planId: string) {
  const [plan, rows] = await Promise.all([
    db.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: { originalRequest: true, startedAt: true, totalEstimatedCost: true } }),
    db.taskPlanTask.findMany({
      where: { planId },
      select: {
        taskId: true,
        dependencies: true,
        status: true,
        agentName: true,
        result: true,
        error: true,
        actualCost: true,
        actualDuration: true,
        promptTokens: true,
        completionTokens: true,
      },
      orderBy: [{ createdAt: "asc" }, { taskId: "asc" }],
    }),
  ]);
  const tasks = rows.map((row) => ({ ...row, status: row.status as TaskStatus, dependencies: readDependencies(row.dependencies) }));
  return { plan, tasks };
}

type FinishedTask = Awaited<ReturnType<typeof loadFinishedTasks>>["tasks"][number];

/** Why a plan with failures ended so: the first failure, in plan order. */
function failureReason(tasks: readonly FinishedTask[]): string | null {
  const failed = tasks.find((task) => task.status === "failed");
  return failed ? `Task ${failed.taskId} failed: ${failed.error ?? "unknown error"}` : null;
}

/**
 * Ends a plan none of whose tasks can run any more: works out its status, builds the final answer
 * (any model call happens here, before the transaction), then stores the status, the actuals, the
 * models' latency statistics, the answer as an assistant message in the session and `plan-end`, in
 * one transaction that only applies while the plan is still executing. Undefined when it no longer
 * was (cancelled meanwhile).
 */
export async function finishPlan(deps: ExecutionDependencies, scope: PlanEventScope, { synthesisModel, signal }: FinishPlanOptions): Promise<FinishedPlan | undefined> {
  const { plan, tasks } = await loadFinishedTasks(deps, scope.planId);
  const status = planOutcome(tasks);
  const sources = answerSources(tasks).map((task) => ({ taskId: task.taskId, agentName: task.agentName, output: readTaskOutput(task.result) }));
  const answer = await composeFinalAnswer(deps, { request: plan.originalRequest, sources, model: synthesisModel, signal });
  const completedAt = deps.clock.now();
  const actual = planActuals(tasks, elapsedSince(plan.startedAt, completedAt), answer?.synthesis);
  const finalMessageId = answer ? randomUUID() : null;

  const finished = await deps.db.$transaction(async (transaction) => {
    const { count } = await transaction.taskPlan.updateMany({
      where: { id: scope.planId, status: "executing" },
      data: {
        status,
        completedAt,
        endReason: failureReason(tasks),
        ...actualColumns(actual),
        finalMessageId,
      },
    });
    if (count === 0) return false;
    await recordModelLatencies(transaction, observedLatencies(tasks));
    if (answer && finalMessageId) {
      const { synthesis } = answer;
      await transaction.message.create({
        data: {
          id: finalMessageId,
          sessionId: scope.sessionId,
          userId: scope.userId,
          role: "assistant",
          content: answer.content,
          planId: scope.planId,
          promptTokens: synthesis?.promptTokens ?? null,
          completionTokens: synthesis?.completionTokens ?? null,
          totalTokens: synthesis ? synthesis.promptTokens + synthesis.completionTokens : null,
          cost: synthesis?.costUsd ?? null,
          metadata: { planId: scope.planId, planStatus: status, sourceTaskIds: answer.sourceTaskIds, synthesisModel: synthesis?.model ?? null },
        },
      });
    }
    await recordPlanEvents(transaction, scope, [
      {
        type: "plan-end",
        payload: {
          planId: scope.planId,
          status,
          tasks: tasks.map((task) => ({ taskId: task.taskId, status: task.status })),
          actual,
          finalMessageId,
          endedAt: completedAt.toISOString(),
        },
      },
    ]);
    return true;
  });
  return finished ? { status, actual, totalEstimatedCost: plan.totalEstimatedCost, finalMessageId } : undefined;
}
