import type { Database } from "@codelab/db";
import { agentSelect, toAgentRecord, type AgentRecord } from "../../agents/agent-select.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import { planScopeSelect, toPlanEventScope } from "./plan-scope.js";
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
}

/**
 * Everything one attempt of a task needs, read fresh; undefined when the task is no longer running
 * that attempt. Two rounds of parallel reads: this runs once per task, on the plan's critical path.
 */
export async function loadTaskStep({ db }: { db: Database }, { planId, taskId, attempt }: { planId: string; taskId: string; attempt: number }): Promise<TaskStepInput | undefined> {
  const [task, plan] = await Promise.all([
    db.taskPlanTask.findFirst({
      where: { planId, taskId, status: "running", attempts: attempt },
      select: { taskId: true, description: true, expectedOutput: true, dependencies: true, agentId: true, agentName: true },
    }),
    db.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: planScopeSelect }),
  ]);
  if (!task) return undefined;
  const dependencyIds = readDependencies(task.dependencies);
  const [agent, rows] = await Promise.all([
    task.agentId ? db.userAgent.findUnique({ where: { id: task.agentId }, select: agentSelect }) : null,
    dependencyIds.length === 0
      ? []
      : db.taskPlanTask.findMany({ where: { planId, taskId: { in: dependencyIds } }, select: { taskId: true, agentName: true, result: true } }),
  ]);
  const byId = new Map(rows.map((row) => [row.taskId, row]));
  const dependencyOutputs = dependencyIds.flatMap((dependencyId) => {
    const row = byId.get(dependencyId);
    return row ? [{ taskId: row.taskId, agentName: row.agentName, output: readTaskOutput(row.result) }] : [];
  });
  return {
    scope: toPlanEventScope(plan),
    taskId: task.taskId,
    description: task.description,
    expectedOutput: task.expectedOutput,
    agentId: task.agentId,
    agentName: task.agentName,
    agent: agent ? toAgentRecord(agent) : null,
    dependencyOutputs,
  };
}
