/** One task of a benchmark graph: only its place in the graph matters here. */
export interface ShapeTask {
  taskId: string;
  dependencies: string[];
}

export interface PlanShape {
  name: string;
  tasks: ShapeTask[];
  /** Tasks no other task depends on; more than one means a final combining call. */
  sinks: string[];
  /** Model calls on the longest path, the combining call included: makespan ≥ this × per-call latency. */
  criticalPathCalls: number;
}

function shape(name: string, tasks: ShapeTask[]): PlanShape {
  const used = new Set(tasks.flatMap((task) => task.dependencies));
  const sinks = tasks.filter((task) => !used.has(task.taskId)).map((task) => task.taskId);
  const depthOf = new Map<string, number>();
  // Tasks are listed after their dependencies, so one pass finds every depth.
  for (const task of tasks) depthOf.set(task.taskId, 1 + Math.max(0, ...task.dependencies.map((dependency) => depthOf.get(dependency)!)));
  const depth = Math.max(...depthOf.values());
  return { name, tasks, sinks, criticalPathCalls: depth + (sinks.length > 1 ? 1 : 0) };
}

/** mulberry32: a tiny seeded generator, so every run builds the same "random" graph. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function chainShape(length: number): PlanShape {
  return shape(
    `chain of ${length}`,
    Array.from({ length }, (_, index) => ({ taskId: `step${index}`, dependencies: index === 0 ? [] : [`step${index - 1}`] })),
  );
}

export function fanOutShape(width: number): PlanShape {
  const branches = Array.from({ length: width }, (_, index) => `branch${index}`);
  return shape(`fan-out 1→${width}→1`, [
    { taskId: "root", dependencies: [] },
    ...branches.map((taskId) => ({ taskId, dependencies: ["root"] })),
    { taskId: "join", dependencies: branches },
  ]);
}

/** `layers` layers of `width` tasks; each task after the first layer depends on 1–3 distinct tasks of the layer before. */
export function layeredShape({ layers, width, seed }: { layers: number; width: number; seed: number }): PlanShape {
  const random = seededRandom(seed);
  const tasks: ShapeTask[] = [];
  for (let layer = 0; layer < layers; layer++) {
    for (let index = 0; index < width; index++) {
      const previous = Array.from({ length: layer === 0 ? 0 : width }, (_, position) => `L${layer - 1}T${position}`);
      const count = layer === 0 ? 0 : 1 + Math.floor(random() * 3);
      const dependencies: string[] = [];
      while (dependencies.length < count) {
        const pick = previous[Math.floor(random() * previous.length)]!;
        if (!dependencies.includes(pick)) dependencies.push(pick);
      }
      tasks.push({ taskId: `L${layer}T${index}`, dependencies });
    }
  }
  return shape(`layered DAG of ${layers * width} (seed ${seed})`, tasks);
}
