import type { PlannedTask } from "../plan-graph.js";

type TaskEdges = Pick<PlannedTask, "taskId" | "dependencies">;

/**
 * One cycle among the dependencies, as the task ids along it (each once, in dependency order), or
 * undefined when there is none. Dependencies on unknown tasks are ignored: they are reported apart.
 */
export function findCycle(tasks: readonly TaskEdges[]): string[] | undefined {
  const dependenciesOf = new Map(tasks.map((task) => [task.taskId, task.dependencies]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];

  // Iterative depth-first search, so a 50-task chain never nears the stack limit and order is deterministic.
  for (const start of tasks.map((task) => task.taskId)) {
    if (state.has(start)) continue;
    const stack: Array<{ taskId: string; next: number }> = [{ taskId: start, next: 0 }];
    state.set(start, "visiting");
    path.push(start);
    while (stack.length > 0) {
      const frame = stack.at(-1)!;
      const dependencies = dependenciesOf.get(frame.taskId) ?? [];
      if (frame.next >= dependencies.length) {
        state.set(frame.taskId, "done");
        stack.pop();
        path.pop();
        continue;
      }
      const dependency = dependencies[frame.next]!;
      frame.next += 1;
      if (!dependenciesOf.has(dependency) || state.get(dependency) === "done") continue;
      if (state.get(dependency) === "visiting") return path.slice(path.indexOf(dependency)).reverse();
      state.set(dependency, "visiting");
      path.push(dependency);
      stack.push({ taskId: dependency, next: 0 });
    }
  }
  return undefined;
}

/** Dependencies before dependents; ties keep the plan's own order. The graph must be acyclic. */
export function topologicalOrder<Task extends TaskEdges>(tasks: readonly Task[]): Task[] {
  const placed = new Set<string>();
  const ordered: Task[] = [];
  while (ordered.length < tasks.length) {
    const ready = tasks.filter((task) => !placed.has(task.taskId) && task.dependencies.every((dependency) => placed.has(dependency)));
    if (ready.length === 0) throw new Error("topologicalOrder needs an acyclic graph with known dependencies");
    for (const task of ready) placed.add(task.taskId);
    ordered.push(...ready);
  }
  return ordered;
}

/**
 * The latest finish time of any task when every task starts as soon as its dependencies finish:
 * the critical path. With `weight` 1 per task it is the depth, the number of tasks on the longest chain.
 */
export function longestPath(tasks: readonly TaskEdges[], weight: (taskId: string) => number): number {
  const finish = new Map<string, number>();
  for (const task of topologicalOrder(tasks)) {
    const start = Math.max(0, ...task.dependencies.map((dependency) => finish.get(dependency) ?? 0));
    finish.set(task.taskId, start + weight(task.taskId));
  }
  return Math.max(0, ...finish.values());
}

const naturalCollator = new Intl.Collator("en", { numeric: true });

/** The order plans are shown in: dependencies first, then by task id with numbers compared as numbers ("t2" before "t10"). */
export function displayOrder<Task extends TaskEdges>(tasks: readonly Task[]): Task[] {
  return topologicalOrder([...tasks].sort((left, right) => naturalCollator.compare(left.taskId, right.taskId)));
}
