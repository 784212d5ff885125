import { randomUUID } from "node:crypto";
import { Prisma, queryRows } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { PlanActuals } from "../../events/event-map.js";
import type { PlanEvent, RecordedPlanEvent } from "../plan-events.js";
import type { TaskStatus } from "../plan-graph.js";
import type { ExecutionDependencies } from "./execution-settings.js";
import { composeFinalAnswer, hasSources, type EarlyFinalAnswer } from "./final-answer.js";
import { mergeLatenciesSql, observedLatencies, summarizeLatencies } from "./model-latency-stats.js";
import { actualColumns, elapsedSince, planActuals, type TaskSpend } from "./plan-actuals.js";
import { answerSources, planOutcome, type PlanOutcomeStatus } from "./task-graph.js";
import { readTaskOutput } from "./task-result.js";

export interface FinishedPlan {
  status: PlanOutcomeStatus;
  actual: PlanActuals;
  totalEstimatedCost: number | null;
  finalMessageId: string | null;
  /** `plan-end`, recorded with the plan's end, for the publisher to send without reading it back. */
  ended: RecordedPlanEvent;
}

export interface FinishPlanOptions {
  plan: PlanToFinish;
  /** Every task of the plan, as the run stored them (or loaded them, for tasks that ended before it). */
  tasks: readonly FinishedTask[];
  synthesisModel: string;
  signal: AbortSignal;
  /** Work the plan's end waits for before it is stored (its tasks' memory writes); the final answer does not wait. */
  before?: Promise<unknown>;
  /** The answer as the run started composing it; used when it was made of exactly the stored sources, discarded otherwise. */
  early?: EarlyFinalAnswer;
}

/** A task as its row stands once no task of the plan can run any more: what the plan's end is made of. */
export interface FinishedTask extends TaskSpend {
  taskId: string;
  dependencies: string[];
  status: TaskStatus;
  agentName: string;
  result: Prisma.JsonValue | null;
  error: string | null;
  actualDuration: number | null;
}

/** The plan as its end needs it, known to the run from when it started. */
export interface PlanToFinish {
  request: string;
  startedAt: Date | null;
  totalEstimatedCost: number | null;
}

/** Why a plan with failures ended so: the first failure, in plan order. */
function failureReason(tasks: readonly FinishedTask[]): string | null {
  const failed = tasks.find((task) => task.status === "failed");
  return failed ? `Task ${failed.taskId} failed: ${failed.error ?? "unknown error"}` : null;
}

/**
 * Ends a plan none of whose tasks can run any more: works out its status from its tasks as the run
 * stored them (nothing is read back), builds the final answer (any model call happens here, before
 * anything is written), then stores the status, the actuals, the models' latency statistics, the
 * answer as an assistant message in the session and `plan-end`, in one statement that only applies
 * while the plan is still executing. Undefined when it no longer was (cancelled meanwhile).
 */
export async function finishPlan(
  deps: ExecutionDependencies,
  scope: PlanEventScope,
  { plan, tasks, synthesisModel, signal, before, early }: FinishPlanOptions,
): Promise<FinishedPlan | undefined> {
  const status = planOutcome(tasks);
  const sources = answerSources(tasks).map((task) => ({ taskId: task.taskId, agentName: task.agentName, output: readTaskOutput(task.result) }));
  const useEarly = early !== undefined && hasSources(early, sources);
  if (!useEarly) early?.discard();
  const answer = useEarly ? await early.answer : await composeFinalAnswer(deps, { request: plan.request, sources, model: synthesisModel, signal });
  await before;
  const completedAt = deps.clock.now();
  const actual = planActuals(tasks, elapsedSince(plan.startedAt, completedAt), answer?.synthesis);
  const finalMessageId = answer ? randomUUID() : null;

  const summaries = summarizeLatencies(observedLatencies(tasks));
  const endEvent: PlanEvent = {
    type: "plan-end",
    payload: {
      planId: scope.planId,
      status,
      tasks: tasks.map((task) => ({ taskId: task.taskId, status: task.status })),
      actual,
      finalMessageId,
      endedAt: completedAt.toISOString(),
    },
  };
  const synthesis = answer?.synthesis ?? null;
  const columns = actualColumns(actual);
  // One statement, atomic on its own: every part applies only when the plan was still executing.
  // int8 arrives as text from `queryRows`.
  const rows = await queryRows<{ id: string }>(
    deps.db,
    Prisma.sql`
    WITH finished AS (
      UPDATE task_plans
      SET status = ${status}, completed_at = ${completedAt}, end_reason = ${failureReason(tasks)},
        total_actual_cost = ${columns.totalActualCost}::float8, total_actual_duration = ${columns.totalActualDuration}::float8,
        actual_prompt_tokens = ${columns.actualPromptTokens}::int, actual_completion_tokens = ${columns.actualCompletionTokens}::int,
        final_message_id = ${finalMessageId}::uuid, updated_at = now()
      WHERE id = ${scope.planId}::uuid AND status = 'executing'
      RETURNING id
    ), merged AS (
      ${summaries.length > 0 ? mergeLatenciesSql(summaries, Prisma.sql`WHERE EXISTS (SELECT 1 FROM finished)`) : Prisma.sql`SELECT 1`}
    ), answered AS (
      INSERT INTO messages (id, session_id, user_id, role, content, plan_id, prompt_tokens, completion_tokens, total_tokens, cost, metadata)
      SELECT ${finalMessageId}::uuid, ${scope.sessionId}::uuid, ${scope.userId}::uuid, 'assistant', ${answer?.content ?? ""}, finished.id,
        ${synthesis?.promptTokens ?? null}::int, ${synthesis?.completionTokens ?? null}::int,
        ${synthesis ? synthesis.promptTokens + synthesis.completionTokens : null}::int, ${synthesis?.costUsd ?? null}::float8,
        ${JSON.stringify({ planId: scope.planId, planStatus: status, sourceTaskIds: answer?.sourceTaskIds ?? [], synthesisModel: synthesis?.model ?? null })}::jsonb
      FROM finished WHERE ${finalMessageId !== null}
    ), recorded AS (
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${scope.userId}::uuid, ${scope.projectId}::uuid, ${scope.sessionId}::uuid, finished.id, ${endEvent.type}, ${JSON.stringify(endEvent.payload)}::jsonb
      FROM finished
      RETURNING id
    )
    SELECT id FROM recorded`,
  );
  const [row] = rows;
  return row ? { status, actual, totalEstimatedCost: plan.totalEstimatedCost, finalMessageId, ended: { id: BigInt(row.id), scope, event: endEvent } } : undefined;
}
