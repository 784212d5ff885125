import { Prisma, queryRows, type Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import type { ContextualAgentResult } from "../../runtime/run-contextual-agent.js";
import type { PlanEvent, RecordedPlanEvent } from "../plan-events.js";
import { taskStepColumns, toTaskStepInput, type TaskStepInput, type TaskStepRow } from "./load-task-step.js";
import type { TaskAttempt } from "./fail-task.js";
import type { TaskResult } from "./task-result.js";

export interface ClaimableTask {
  taskId: string;
  agentId: string | null;
  agentName: string;
  /** `running` only for a task a stopped process left behind. */
  status: "pending" | "running";
  attempts: number;
}

export interface ClaimedTask {
  attempt: number;
  /** The step as `loadTaskStep` would read it, saving the step a read of its own. */
  step: TaskStepInput;
  /** `task-start`, recorded with the claim, for the publisher to send without reading it back. */
  started: RecordedPlanEvent;
}

export interface TaskCompletion extends TaskAttempt {
  run: ContextualAgentResult;
}

/** A stored answer with its `task-end`, recorded with it, for the publisher to send without reading it back. `superseded`: the task no longer ran this attempt, so nothing was stored. */
export type StoredCompletion = { status: "completed"; output: string; ended: RecordedPlanEvent } | { status: "superseded" };

export interface TaskTransitions {
  completions: readonly TaskCompletion[];
  claims: readonly ClaimableTask[];
}

/** In input order: undefined for a task that must not run. */
export interface StoredTransitions {
  completions: StoredCompletion[];
  claims: Array<ClaimedTask | undefined>;
}

type ClaimedRow = TaskStepRow & { eventId: string };

function startEvent(scope: PlanEventScope, task: ClaimableTask, startedAt: Date): PlanEvent {
  return {
    type: "task-start",
    payload: { planId: scope.planId, taskId: task.taskId, agentName: task.agentName, agentId: task.agentId ?? "", status: "running", startedAt: startedAt.toISOString() },
  };
}

function endEvent(scope: PlanEventScope, { taskId, agentId, run }: TaskCompletion, completedAt: Date): PlanEvent {
  const { completion, cost, latencyMilliseconds } = run;
  return {
    type: "task-end",
    payload: {
      planId: scope.planId,
      taskId,
      agentId: agentId ?? "",
      status: "completed",
      output: completion.content,
      usage: { promptTokens: completion.usage.promptTokens, completionTokens: completion.usage.completionTokens },
      costUsd: cost,
      latencyMilliseconds,
      completedAt: completedAt.toISOString(),
    },
  };
}

/** The columns an answer fills in its task's row, as stored: the run keeps the same copy for the plan's end. */
export function completedTaskColumns({ run: { completion, memoriesUsed, cost, latencyMilliseconds } }: TaskCompletion) {
  const result: TaskResult = { output: completion.content, model: completion.model, finishReason: completion.finishReason, memoriesUsed };
  return {
    result,
    actualCost: cost,
    actualDuration: latencyMilliseconds,
    promptTokens: completion.usage.promptTokens,
    completionTokens: completion.usage.completionTokens,
  };
}

/**
 * Stores answers of tasks of one plan and claims others, with their `task-end` and `task-start`
 * events and their agents' status, in one statement (atomic on its own, one round trip: this is
 * the plan's critical path, and a chain's next task can be claimed with its dependency's answer).
 *
 * - An answer is stored once per task whatever re-runs happen: only while the task still runs that attempt.
 * - A claim moves a task to `running` with its next attempt. The statement itself checks what makes
 *   it valid, so no caller's stale view can start a task wrongly: the plan is still executing, the
 *   task is as the caller saw it, and every task it depends on has completed, or completes in this
 *   statement. A task left `running` by a process that died is taken over the same way (at least once).
 * - Claimed tasks' agents show BUSY; the agents of stored answers READY, unless another task of theirs still runs.
 */
export async function storeTaskTransitions(
  { db, clock }: { db: Database; clock: Clock },
  scope: PlanEventScope,
  { completions, claims }: TaskTransitions,
): Promise<StoredTransitions> {
  const now = clock.now();
  const ends = completions.map((task) => endEvent(scope, task, now));
  const starts = claims.map((task) => startEvent(scope, task, now));
  const columns = completions.map(completedTaskColumns);
  const [row] = await queryRows<{ ended: Array<{ taskId: string; id: string }>; claimed: ClaimedRow[] }>(
    db,
    Prisma.sql`
    WITH completion_input AS (
      SELECT * FROM unnest(
        ${completions.map((task) => task.taskId)}::text[],
        ${completions.map((task) => task.attempt)}::int[],
        ${columns.map((task) => JSON.stringify(task.result))}::jsonb[],
        ${columns.map((task) => task.actualCost)}::float8[],
        ${columns.map((task) => task.actualDuration)}::float8[],
        ${columns.map((task) => task.promptTokens)}::int[],
        ${columns.map((task) => task.completionTokens)}::int[],
        ${ends.map((event) => JSON.stringify(event.payload))}::jsonb[]
      ) AS input (task_id, attempts, result, cost, duration, prompt_tokens, completion_tokens, payload)
    ), stored AS (
      UPDATE task_plan_tasks AS task
      SET status = 'completed', result = input.result, completed_at = ${now}, actual_cost = input.cost, actual_duration = input.duration,
        prompt_tokens = input.prompt_tokens, completion_tokens = input.completion_tokens
      FROM completion_input AS input
      WHERE task.plan_id = ${scope.planId}::uuid AND task.task_id = input.task_id AND task.status = 'running' AND task.attempts = input.attempts
      RETURNING task.task_id, task.agent_id, input.payload
    ), claim_input AS (
      SELECT * FROM unnest(
        ${claims.map((task) => task.taskId)}::text[],
        ${claims.map((task) => task.status)}::text[],
        ${claims.map((task) => task.attempts)}::int[],
        ${starts.map((event) => JSON.stringify(event.payload))}::jsonb[]
      ) AS input (task_id, status, attempts, payload)
    ), claimed AS (
      UPDATE task_plan_tasks AS task
      SET status = 'running', attempts = input.attempts + 1, started_at = ${now}, error = NULL
      FROM claim_input AS input
      WHERE task.plan_id = ${scope.planId}::uuid
        AND task.task_id = input.task_id
        AND task.status = input.status
        AND task.attempts = input.attempts
        AND EXISTS (SELECT 1 FROM task_plans AS plan WHERE plan.id = task.plan_id AND plan.status = 'executing')
        AND NOT EXISTS (
          SELECT 1 FROM task_plan_tasks AS dependency
          WHERE dependency.plan_id = task.plan_id
            AND dependency.task_id IN (SELECT jsonb_array_elements_text(task.dependencies))
            AND dependency.status <> 'completed'
            AND dependency.task_id NOT IN (SELECT task_id FROM stored)
        )
      RETURNING task.*, input.payload
    ), recorded AS (
      -- task-end rows come first, so a dependency's end is ordered before its dependent's start.
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${scope.userId}::uuid, ${scope.projectId}::uuid, ${scope.sessionId}::uuid, ${scope.planId}::uuid, 'task-end', payload FROM stored
      UNION ALL
      SELECT ${scope.userId}::uuid, ${scope.projectId}::uuid, ${scope.sessionId}::uuid, ${scope.planId}::uuid, 'task-start', payload FROM claimed
      RETURNING id, type, payload->>'taskId' AS task_id
    ), agents AS (
      -- One UPDATE for both kinds: a row may be updated only once per statement.
      UPDATE user_agents AS agent
      SET status = CASE WHEN agent.id IN (SELECT agent_id FROM claimed) THEN 'BUSY'::agent_status ELSE 'READY'::agent_status END,
        status_reason = NULL, updated_at = CURRENT_TIMESTAMP
      WHERE agent.user_id = ${scope.userId}::uuid AND agent.status <> 'DISABLED'
        AND (
          agent.id IN (SELECT agent_id FROM claimed)
          OR (
            agent.id IN (SELECT agent_id FROM stored)
            AND NOT EXISTS (
              SELECT 1 FROM task_plan_tasks AS other
              WHERE other.agent_id = agent.id AND other.status = 'running'
                AND NOT (other.plan_id = ${scope.planId}::uuid AND other.task_id IN (SELECT task_id FROM stored))
            )
          )
        )
    )
    SELECT
      (SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', task_id, 'id', id::text)), '[]'::jsonb) FROM recorded WHERE type = 'task-end') AS ended,
      (
        SELECT coalesce(jsonb_agg(to_jsonb(step)), '[]'::jsonb)
        FROM (
          SELECT ${taskStepColumns}, recorded.id::text AS "eventId"
          FROM claimed AS task
          JOIN task_plans AS plan ON plan.id = task.plan_id
          JOIN recorded ON recorded.type = 'task-start' AND recorded.task_id = task.task_id
        ) AS step
      ) AS claimed`,
  );
  const endedIds = new Map(row!.ended.map((ended) => [ended.taskId, BigInt(ended.id)]));
  // The statement reads its dependencies as they were before it: the answers it stored come from here.
  const storedResults = new Map(completions.flatMap((task, index) => (endedIds.has(task.taskId) ? [[task.taskId, columns[index]!.result] as const] : [])));
  const claimedRows = new Map(
    row!.claimed.map((claimed) => [
      claimed.taskId,
      { ...claimed, dependencyRows: claimed.dependencyRows.map((dependency) => ({ ...dependency, result: storedResults.get(dependency.taskId) ?? dependency.result })) },
    ]),
  );
  return {
    completions: completions.map((task, index): StoredCompletion => {
      const id = endedIds.get(task.taskId);
      return id === undefined ? { status: "superseded" } : { status: "completed", output: task.run.completion.content, ended: { id, scope, event: ends[index]! } };
    }),
    claims: claims.map((task, index) => {
      const claimed = claimedRows.get(task.taskId);
      return claimed && { attempt: task.attempts + 1, step: toTaskStepInput(claimed), started: { id: BigInt(claimed.eventId), scope, event: starts[index]! } };
    }),
  };
}
