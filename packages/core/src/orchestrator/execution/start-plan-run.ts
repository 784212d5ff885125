import { Prisma, queryRows, type Database } from "@codelab/db";
import { agentJsonSql, fromAgentJson, type AgentJson, type AgentRecord } from "../../agents/agent-select.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import { memoryRevisionSql } from "../../memory/memory-revision-sql.js";
import type { Clock } from "../../ports/clock.js";
import type { TaskStatus } from "../plan-graph.js";
import type { PlanEvent, RecordedPlanEvent } from "../plan-events.js";
import type { FinishedTask, PlanToFinish } from "./finish-plan.js";
import type { PlanAgents, SnapshotTask } from "./plan-snapshot.js";
import { toPlanEventScope } from "./plan-scope.js";
import { readDependencies, readTaskOutput } from "./task-result.js";

/** A task of the plan as a run starts with it: what to schedule, what its end is made of, what its snapshot guesses from. */
export type StartingTask = FinishedTask & SnapshotTask & { attempts: number };

export interface PlanRunStart {
  scope: PlanEventScope;
  plan: PlanToFinish;
  /** In plan order. */
  tasks: StartingTask[];
  /** The user's agents the tasks name, as of now, with their memory revisions. */
  agents: PlanAgents;
  /** `plan-start`, when this run stamped the start (a resumed plan keeps its first), for the publisher to send without reading it back. */
  started: RecordedPlanEvent | undefined;
}

interface PlanRunRow {
  id: string;
  userId: string;
  projectId: string;
  sessionId: string | null;
  originalRequest: string;
  startedAt: Date | null;
  totalEstimatedCost: number | null;
  /** int8 arrives as text from `queryRows`. */
  startEventId: string | null;
  tasks: Array<
    Omit<StartingTask, "status" | "dependencies" | "output"> & { status: string; dependencies: Prisma.JsonValue }
  >;
  agents: Array<AgentJson & { memoryRevision: number }>;
}

/**
 * Stamps the start of an executing plan with `plan-start` (once: a resumed plan keeps its first
 * start) and reads everything its run needs: the plan, its tasks, and the agents they name with
 * their memory revisions. One statement, so a plan's first model call waits for one round trip.
 * Undefined when the plan is not executing or not this user's. Only the user's own agents are read.
 */
export async function startPlanRun(
  { db, clock }: { db: Database; clock: Clock },
  { planId, userId }: { planId: string; userId: string },
): Promise<PlanRunStart | undefined> {
  const startedAt = clock.now();
  const event: PlanEvent = { type: "plan-start", payload: { planId, status: "executing", startedAt: startedAt.toISOString() } };
  const [row] = await queryRows<PlanRunRow>(
    db,
    Prisma.sql`
    WITH started AS (
      UPDATE task_plans SET started_at = ${startedAt}, updated_at = now()
      WHERE id = ${planId}::uuid AND user_id = ${userId}::uuid AND status = 'executing' AND started_at IS NULL AND session_id IS NOT NULL
      RETURNING id, project_id, session_id
    ), recorded AS (
      INSERT INTO plan_event_outbox (user_id, project_id, session_id, plan_id, type, payload)
      SELECT ${userId}::uuid, project_id, session_id, id, ${event.type}, ${JSON.stringify(event.payload)}::jsonb
      FROM started
      RETURNING id
    )
    SELECT plan.id::text, plan.user_id::text AS "userId", plan.project_id::text AS "projectId", plan.session_id::text AS "sessionId",
      plan.original_request AS "originalRequest", plan.started_at AS "startedAt", plan.total_estimated_cost AS "totalEstimatedCost",
      (SELECT id FROM recorded) AS "startEventId",
      (
        SELECT coalesce(jsonb_agg(jsonb_build_object(
          'taskId', task.task_id, 'description', task.description, 'expectedOutput', task.expected_output, 'dependencies', task.dependencies,
          'agentId', task.agent_id, 'agentName', task.agent_name, 'status', task.status, 'attempts', task.attempts, 'result', task.result,
          'error', task.error, 'actualCost', task.actual_cost, 'actualDuration', task.actual_duration,
          'promptTokens', task.prompt_tokens, 'completionTokens', task.completion_tokens
        ) ORDER BY task.created_at, task.task_id), '[]'::jsonb)
        FROM task_plan_tasks AS task WHERE task.plan_id = plan.id
      ) AS tasks,
      (
        SELECT coalesce(jsonb_agg(${agentJsonSql} || jsonb_build_object('memoryRevision', ${memoryRevisionSql(Prisma.sql`agent.id`)})), '[]'::jsonb)
        FROM user_agents AS agent
        WHERE agent.user_id = plan.user_id AND agent.id IN (SELECT agent_id FROM task_plan_tasks WHERE plan_id = plan.id)
      ) AS agents
    FROM task_plans AS plan
    WHERE plan.id = ${planId}::uuid AND plan.user_id = ${userId}::uuid AND plan.status = 'executing'`,
  );
  if (!row) return undefined;
  const scope = toPlanEventScope(row);
  const agentRecords = row.agents.map(({ memoryRevision, ...agent }) => ({
    record: fromAgentJson(agent),
    memoryRevision,
  }));
  return {
    scope,
    // The read saw the plan as it was before the stamp stored beside it: the stamp says when it started.
    plan: { request: row.originalRequest, startedAt: row.startEventId === null ? row.startedAt : startedAt, totalEstimatedCost: row.totalEstimatedCost },
    tasks: row.tasks.map((task) => ({
      ...task,
      status: task.status as TaskStatus,
      dependencies: readDependencies(task.dependencies),
      output: task.status === "completed" ? readTaskOutput(task.result) : undefined,
    })),
    agents: {
      agents: new Map<string, AgentRecord>(agentRecords.map(({ record }) => [record.id, record])),
      revisions: new Map(agentRecords.map(({ record, memoryRevision }) => [record.id, memoryRevision])),
    },
    started: row.startEventId === null ? undefined : { id: BigInt(row.startEventId), scope, event },
  };
}
