/**
 * The plan is data: a serializable DAG of tasks, each assigned to an agent by name. The planner
 * produces it, validation checks it, the estimator prices it, and the execution engine consumes it.
 */
export interface PlannedTask {
  /** Unique within the plan; what dependencies refer to. */
  taskId: string;
  description: string;
  /** The name of one of the project's agents. */
  agent: string;
  /** Task ids that must complete first. */
  dependencies: string[];
  expectedOutput: string;
}

export interface PlanGraph {
  tasks: PlannedTask[];
}

export const planStatuses = [
  "created",
  "pending_approval",
  "executing",
  "completed",
  "failed",
  "partial_success",
  "rejected",
  "cancelled",
] as const;
export type PlanStatus = (typeof planStatuses)[number];

export const finalPlanStatuses = ["completed", "failed", "partial_success", "rejected", "cancelled"] as const satisfies readonly PlanStatus[];

export const taskStatuses = ["pending", "running", "completed", "failed", "skipped", "cancelled"] as const;
export type TaskStatus = (typeof taskStatuses)[number];
