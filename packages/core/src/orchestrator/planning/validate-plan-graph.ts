import type { JsonValue } from "../../errors/app-error.js";
import type { PlanGraph } from "../plan-graph.js";
import { findCycle, longestPath } from "./graph-order.js";

export const maxPlanTasks = 50;
/** Tasks on the longest dependency chain. */
export const maxPlanDepth = 10;

export type PlanProblemKind =
  | "no_tasks"
  | "too_many_tasks"
  | "duplicate_task_id"
  | "unknown_agent"
  | "self_dependency"
  | "unknown_dependency"
  | "cycle"
  | "too_deep";

/** One reason a plan cannot run, precise enough to show the user and to send back to the model. */
export interface PlanProblem {
  problem: PlanProblemKind;
  message: string;
  /** The tasks concerned; for a cycle, in order along it. */
  taskIds: string[];
  [detail: string]: JsonValue;
}

const quoted = (values: readonly string[]) => values.map((value) => `"${value}"`).join(", ");

/**
 * Everything wrong with a plan, structural problems first; cycle and depth are only judged on a
 * structurally sound graph. An empty list means the plan may run.
 */
export function validatePlanGraph(graph: PlanGraph, agentNames: readonly string[]): PlanProblem[] {
  const { tasks } = graph;
  if (tasks.length === 0) return [{ problem: "no_tasks", message: "The plan has no tasks.", taskIds: [] }];
  if (tasks.length > maxPlanTasks) {
    return [
      {
        problem: "too_many_tasks",
        message: `The plan has ${tasks.length} tasks; at most ${maxPlanTasks} are allowed.`,
        taskIds: [],
        taskCount: tasks.length,
        maxTasks: maxPlanTasks,
      },
    ];
  }

  const problems: PlanProblem[] = [];
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const { taskId } of tasks) (seen.has(taskId) ? duplicates : seen).add(taskId);
  for (const taskId of duplicates) {
    problems.push({ problem: "duplicate_task_id", message: `More than one task has the id "${taskId}".`, taskIds: [taskId] });
  }

  const agents = new Set(agentNames);
  for (const task of tasks) {
    if (!agents.has(task.agent)) {
      problems.push({
        problem: "unknown_agent",
        message: `Task "${task.taskId}" is assigned to "${task.agent}", which is not an agent of this project (agents: ${quoted(agentNames)}).`,
        taskIds: [task.taskId],
        agent: task.agent,
      });
    }
    for (const dependency of new Set(task.dependencies)) {
      if (dependency === task.taskId) {
        problems.push({ problem: "self_dependency", message: `Task "${task.taskId}" depends on itself.`, taskIds: [task.taskId] });
      } else if (!seen.has(dependency)) {
        problems.push({
          problem: "unknown_dependency",
          message: `Task "${task.taskId}" depends on "${dependency}", which is not a task of the plan.`,
          taskIds: [task.taskId],
          dependency,
        });
      }
    }
  }
  if (problems.length > 0) return problems;

  const cycle = findCycle(tasks);
  if (cycle) {
    return [{ problem: "cycle", message: `Tasks ${[...cycle, cycle[0]].map((id) => `"${id}"`).join(" → ")} form a cycle.`, taskIds: cycle }];
  }
  const depth = longestPath(tasks, () => 1);
  if (depth > maxPlanDepth) {
    return [
      {
        problem: "too_deep",
        message: `The longest chain of dependent tasks is ${depth} long; at most ${maxPlanDepth} are allowed.`,
        taskIds: [],
        depth,
        maxDepth: maxPlanDepth,
      },
    ];
  }
  return [];
}
