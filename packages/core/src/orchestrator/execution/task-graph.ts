import type { TaskStatus } from "../plan-graph.js";

/** What scheduling and the final status need to know about one task of a plan. */
export interface TaskNode {
  taskId: string;
  dependencies: readonly string[];
  status: TaskStatus;
}

export type PlanOutcomeStatus = "completed" | "failed" | "partial_success";

export function isTaskFinished(status: TaskStatus): boolean {
  return status !== "pending" && status !== "running";
}

/** A pending task whose dependencies have all completed. */
export function isTaskReady(task: TaskNode, statusOf: (taskId: string) => TaskStatus | undefined): boolean {
  return task.status === "pending" && task.dependencies.every((dependency) => statusOf(dependency) === "completed");
}

/** Every task that needs `taskId`, directly or through other tasks, in breadth-first order. */
export function transitiveDependents(tasks: readonly TaskNode[], taskId: string): string[] {
  const dependentsOf = new Map<string, string[]>();
  for (const task of tasks) {
    for (const dependency of task.dependencies) dependentsOf.set(dependency, [...(dependentsOf.get(dependency) ?? []), task.taskId]);
  }
  const found = new Set<string>();
  const queue = [taskId];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dependent of dependentsOf.get(next) ?? []) {
      if (found.has(dependent)) continue;
      found.add(dependent);
      queue.push(dependent);
    }
  }
  return [...found];
}

/**
 * The tasks whose outputs make the final answer: completed tasks no completed task builds on.
 * When every task completed these are the sinks; after failures, the furthest results reached.
 */
export function answerSources<Task extends TaskNode>(tasks: readonly Task[]): Task[] {
  const usedByCompleted = new Set(tasks.filter((task) => task.status === "completed").flatMap((task) => task.dependencies));
  return tasks.filter((task) => task.status === "completed" && !usedByCompleted.has(task.taskId));
}

/** How a plan ends once no task can run any more: completed when every task did, failed when none did, partial_success otherwise. */
export function planOutcome(tasks: readonly TaskNode[]): PlanOutcomeStatus {
  const completed = tasks.filter((task) => task.status === "completed").length;
  if (completed === tasks.length) return "completed";
  return completed === 0 ? "failed" : "partial_success";
}
