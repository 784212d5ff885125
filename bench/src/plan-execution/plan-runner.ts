import type { PlanShape } from "./plan-shapes.js";

/** One way of executing a plan shape. `prepare` does what is not execution (storing the plan, compiling a graph); the returned run is what is timed. */
export interface PlanRunner {
  name: string;
  prepare(plan: PlanShape): Promise<() => Promise<void>>;
}
