import type { SessionEvent } from "../chat/chat-types.js";
import type { Plan, PlanStatus, PlanTask, TaskStatus } from "./plan-types.js";

const planRank: Record<PlanStatus, number> = {
  created: 0,
  pending_approval: 1,
  executing: 2,
  completed: 3,
  failed: 3,
  partial_success: 3,
  rejected: 3,
  cancelled: 3,
};

const taskRank: Record<TaskStatus, number> = { pending: 0, running: 1, completed: 2, failed: 2, skipped: 2, cancelled: 2 };

/** Statuses only move forward, so replaying an event the fetched plan already reflects changes nothing. */
function withPlanStatus(plan: Plan, status: PlanStatus): Plan {
  return planRank[status] > planRank[plan.status] ? { ...plan, status } : plan;
}

function withTask(plan: Plan, taskId: string, change: (task: PlanTask) => PlanTask): Plan {
  return { ...plan, tasks: plan.tasks.map((task) => (task.taskId === taskId ? change(task) : task)) };
}

function advance(task: PlanTask, status: TaskStatus): PlanTask {
  return taskRank[status] > taskRank[task.status] ? { ...task, status } : task;
}

/**
 * Folds one live event into a plan as fetched. The fetch and the stream race, so every event may
 * arrive before or after the state it describes was read: each change is applied only if it moves
 * the plan or task forward.
 */
export function applyPlanEvent(plan: Plan, event: SessionEvent): Plan {
  if (event.planId !== plan.id) return plan;
  switch (event.type) {
    case "plan-approval-request": {
      const { expiresAt, approvalReason } = event.payload;
      const next = withPlanStatus(plan, "pending_approval");
      return next === plan ? plan : { ...next, approvalExpiresAt: expiresAt, approvalReason, requiresApproval: true };
    }
    case "plan-approve":
    case "plan-start":
      return withPlanStatus(plan, "executing");
    case "plan-reject": {
      const next = withPlanStatus(plan, "rejected");
      return next === plan ? plan : { ...next, endReason: event.payload.reason };
    }
    case "task-start":
      return withTask(plan, event.payload.taskId, (task) => {
        const next = advance(task, "running");
        return next === task ? task : { ...next, startedAt: event.payload.startedAt };
      });
    case "task-end": {
      const { taskId, output, usage, costUsd, latencyMilliseconds, completedAt } = event.payload;
      return withTask(plan, taskId, (task) => {
        const next = advance(task, "completed");
        if (next === task) return task;
        const actual = { ...usage, costUsd, durationMilliseconds: latencyMilliseconds };
        return { ...next, result: output, actual, completedAt };
      });
    }
    case "task-fail": {
      const { taskId, status, error, skippedTaskIds } = event.payload;
      const failed = withTask(plan, taskId, (task) => {
        const next = advance(task, status);
        return next === task ? task : { ...next, error: error.message };
      });
      return skippedTaskIds.reduce((current, skipped) => withTask(current, skipped, (task) => advance(task, "skipped")), failed);
    }
    case "plan-end": {
      const { status, tasks, actual, finalMessageId } = event.payload;
      const ended = tasks.reduce((current, { taskId, status: taskStatus }) => withTask(current, taskId, (task) => advance(task, taskStatus)), plan);
      const next = withPlanStatus(ended, status);
      if (next === ended) return ended;
      return { ...next, finalMessageId, actual: { ...actual.usage, costUsd: actual.costUsd, durationMilliseconds: actual.durationMilliseconds } };
    }
    // The fetched plan already holds what plan-create says; outputs and messages are kept elsewhere.
    case "plan-create":
    case "task-delta":
    case "message-start":
    case "message-delta":
    case "message-end":
    case "message-fail":
    case "tool-start":
    case "tool-end":
    case "tool-approval-request":
    case "tool-approval-end":
      return plan;
  }
}

/** What each task has written so far: streamed deltas, replaced by the whole output once it ends. */
export function taskOutputs(events: readonly SessionEvent[]): ReadonlyMap<string, string> {
  const outputs = new Map<string, string>();
  for (const event of events) {
    if (event.type === "task-delta") outputs.set(event.payload.taskId, (outputs.get(event.payload.taskId) ?? "") + event.payload.text);
    if (event.type === "task-end") outputs.set(event.payload.taskId, event.payload.output);
  }
  return outputs;
}
