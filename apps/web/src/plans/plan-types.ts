import type { RouterOutputs } from "@codelab/sdk";

export type Plan = RouterOutputs["plans"]["get"];
export type PlanTask = Plan["tasks"][number];
export type PlanStatus = Plan["status"];
export type TaskStatus = PlanTask["status"];

export const planStatusLabels: Record<PlanStatus, string> = {
  created: "Planned",
  pending_approval: "Waiting for approval",
  executing: "Running",
  completed: "Completed",
  failed: "Failed",
  partial_success: "Partly completed",
  rejected: "Rejected",
  cancelled: "Cancelled",
};

export const taskStatusLabels: Record<TaskStatus, string> = {
  pending: "Pending",
  running: "Running",
  completed: "Completed",
  failed: "Failed",
  skipped: "Skipped",
  cancelled: "Cancelled",
};

export function isPlanFinished(status: PlanStatus): boolean {
  return status !== "created" && status !== "pending_approval" && status !== "executing";
}
