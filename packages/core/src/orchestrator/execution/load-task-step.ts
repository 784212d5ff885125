import { Prisma, type Database } from "@codelab/db";
import { memoryRevisionSql } from "../../memory/memory-revision-sql.js";
import { agentJsonSql, fromAgentJson, type AgentJson, type AgentRecord } from "../../agents/agent-select.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import { toPlanEventScope } from "./plan-scope.js";
import type { DependencyOutput } from "./task-input.js";
import { readDependencies, readTaskOutput } from "./task-result.js";

export interface TaskStepInput {
  scope: PlanEventScope;
  taskId: string;
  description: string;
  expectedOutput: string | null;
  agentId: string | null;
  agentName: string;
  /** Null once the agent has been deleted. */
  agent: AgentRecord | null;
  dependencyOutputs: DependencyOutput[];
  /**
   * The agent's memory revision for the memory search (see `SearchOptions.revision`): as the step was
   * read, or as the run started for a step guessed from its snapshot, so that a plan's tasks recall
   * what their agents knew when it started, plus what the plan itself added.
   */
  memoryRevision: number;
}

/** A row of {@link taskStepColumns}. */
export interface TaskStepRow {
  planId: string;
  taskId: string;
  description: string;
  expectedOutput: string | null;
  dependencies: Prisma.JsonValue;
  agentId: string | null;
  agentName: string;
  planUserId: string;
  planProjectId: string;
  planSessionId: string | null;
  /** Null once the agent has been deleted. */
  agent: AgentJson | null;
  dependencyRows: Array<{ taskId: string; agentName: string; result: Prisma.JsonValue }>;
  memoryRevision: number;
}

/**
 * Everything a step needs, as columns over a task row aliased `task` joined to its plan aliased
 * `plan`: the agent and the dependencies' results come along as JSON, so the whole read is one
 * statement. Shared by {@link loadTaskStep} and the claim, which reads the step as it claims it.
 */
export const taskStepColumns = Prisma.sql`
  task.plan_id::text AS "planId", task.task_id AS "taskId", task.description, task.expected_output AS "expectedOutput", task.dependencies,
  task.agent_id::text AS "agentId", task.agent_name AS "agentName",
  plan.user_id::text AS "planUserId", plan.project_id::text AS "planProjectId", plan.session_id::text AS "planSessionId",
  ${memoryRevisionSql(Prisma.sql`task.agent_id`)}::int AS "memoryRevision",
  (SELECT ${agentJsonSql} FROM user_agents AS agent WHERE agent.id = task.agent_id) AS agent,
  (
    SELECT coalesce(jsonb_agg(jsonb_build_object('taskId', dependency.task_id, 'agentName', dependency.agent_name, 'result', dependency.result)), '[]'::jsonb)
    FROM task_plan_tasks AS dependency
    WHERE dependency.plan_id = task.plan_id AND dependency.task_id IN (SELECT jsonb_array_elements_text(task.dependencies))
  ) AS "dependencyRows"`;

export function toTaskStepInput(row: TaskStepRow): TaskStepInput {
  const byId = new Map(row.dependencyRows.map((dependency) => [dependency.taskId, dependency]));
  const dependencyOutputs = readDependencies(row.dependencies).flatMap((dependencyId) => {
    const dependency = byId.get(dependencyId);
    return dependency ? [{ taskId: dependency.taskId, agentName: dependency.agentName, output: readTaskOutput(dependency.result) }] : [];
  });
  const { agent } = row;
  return {
    scope: toPlanEventScope({ id: row.planId, userId: row.planUserId, projectId: row.planProjectId, sessionId: row.planSessionId }),
    taskId: row.taskId,
    description: row.description,
    expectedOutput: row.expectedOutput,
    agentId: row.agentId,
    agentName: row.agentName,
    agent: agent ? fromAgentJson(agent) : null,
    dependencyOutputs,
    memoryRevision: row.memoryRevision,
  };
}

/**
 * Everything one attempt of a task needs, read fresh; undefined when the task is no longer running
 * that attempt. One statement: this runs once per task, on the plan's critical path.
 */
export async function loadTaskStep({ db }: { db: Database }, { planId, taskId, attempt }: { planId: string; taskId: string; attempt: number }): Promise<TaskStepInput | undefined> {
  const [row] = await db.$queryRaw<TaskStepRow[]>`
    SELECT ${taskStepColumns}
    FROM task_plan_tasks AS task
    JOIN task_plans AS plan ON plan.id = task.plan_id
    WHERE task.plan_id = ${planId}::uuid AND task.task_id = ${taskId} AND task.status = 'running' AND task.attempts = ${attempt}`;
  return row ? toTaskStepInput(row) : undefined;
}
