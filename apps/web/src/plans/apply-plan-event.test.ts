import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../chat/chat-types.js";
import { applyPlanEvent, taskOutputs } from "./apply-plan-event.js";
import type { Plan, PlanTask } from "./plan-types.js";

const planId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const at = "2026-01-01T00:00:00.000Z";
const emptyActual = { promptTokens: null, completionTokens: null, costUsd: null, durationMilliseconds: null };

function task(taskId: string, dependencies: string[] = []): PlanTask {
  return {
    taskId,
    description: `Do ${taskId}`,
    agentId: null,
    agentName: "DocumentWriter",
    dependencies,
    expectedOutput: null,
    riskLevel: "low",
    status: "pending",
    estimate: { inputTokens: 10, outputTokens: 10, costUsd: 0.01, durationMilliseconds: 1_000 },
    actual: emptyActual,
    result: null,
    error: null,
    attempts: 0,
    startedAt: null,
    completedAt: null,
  };
}

const plan: Plan = {
  id: planId,
  projectId: planId,
  sessionId: planId,
  request: "Write a report",
  status: "executing",
  version: 1,
  cached: false,
  requiresApproval: false,
  approvalReason: null,
  approvalExpiresAt: null,
  endReason: null,
  estimate: { costUsd: 0.02, durationMilliseconds: 2_000 },
  actual: emptyActual,
  finalMessageId: null,
  createdAt: at,
  startedAt: at,
  completedAt: null,
  tasks: [task("t1"), task("t2", ["t1"]), task("t3", ["t2"])],
};

function event(id: string, value: Pick<SessionEvent, "type" | "payload">): SessionEvent {
  return { id, userId: "u", projectId: planId, sessionId: planId, planId, publishedAt: at, ...value } as SessionEvent;
}

const start = (taskId: string) =>
  event("1-1", { type: "task-start", payload: { planId, taskId, agentName: "DocumentWriter", agentId: "a", status: "running", startedAt: at } });
const end = (taskId: string, output: string) =>
  event("1-2", {
    type: "task-end",
    payload: {
      planId,
      taskId,
      agentId: "a",
      status: "completed",
      output,
      usage: { promptTokens: 5, completionTokens: 7 },
      costUsd: 0.003,
      latencyMilliseconds: 800,
      completedAt: at,
    },
  });
const statusOf = (current: Plan, taskId: string) => current.tasks.find((candidate) => candidate.taskId === taskId)?.status;

describe("applyPlanEvent", () => {
  it("moves a task to running, then to completed with its output and actual cost", () => {
    const running = applyPlanEvent(plan, start("t1"));
    expect(statusOf(running, "t1")).toBe("running");
    const done = applyPlanEvent(running, end("t1", "The outline"));
    expect(done.tasks[0]).toMatchObject({ status: "completed", result: "The outline", actual: { costUsd: 0.003, durationMilliseconds: 800 } });
  });

  it("never moves a status back when an older event arrives after a newer fetch", () => {
    const done = applyPlanEvent(plan, end("t1", "The outline"));
    expect(applyPlanEvent(done, start("t1"))).toEqual(done);
    const completed: Plan = { ...plan, status: "completed" };
    expect(applyPlanEvent(completed, event("2-0", { type: "plan-start", payload: { planId, status: "executing", startedAt: at } }))).toEqual(completed);
  });

  it("marks the dependents of a failed task skipped", () => {
    const failed = applyPlanEvent(
      plan,
      event("3-0", {
        type: "task-fail",
        payload: { planId, taskId: "t1", agentId: "a", status: "failed", error: { code: "LLM_UNAVAILABLE", message: "down" }, skippedTaskIds: ["t2", "t3"], failedAt: at },
      }),
    );
    expect(failed.tasks.map((candidate) => candidate.status)).toEqual(["failed", "skipped", "skipped"]);
    expect(failed.tasks[0]?.error).toBe("down");
  });

  it("takes the final status, task statuses and actuals at the end", () => {
    const ended = applyPlanEvent(
      plan,
      event("4-0", {
        type: "plan-end",
        payload: {
          planId,
          status: "cancelled",
          tasks: [
            { taskId: "t1", status: "completed" },
            { taskId: "t2", status: "cancelled" },
            { taskId: "t3", status: "cancelled" },
          ],
          actual: { usage: { promptTokens: 40, completionTokens: 60 }, costUsd: 0.01, durationMilliseconds: 5_000 },
          finalMessageId: null,
          endedAt: at,
        },
      }),
    );
    expect(ended.status).toBe("cancelled");
    expect(ended.tasks.map((candidate) => candidate.status)).toEqual(["completed", "cancelled", "cancelled"]);
    expect(ended.actual).toEqual({ promptTokens: 40, completionTokens: 60, costUsd: 0.01, durationMilliseconds: 5_000 });
  });

  it("ignores events of other plans", () => {
    const other = { ...start("t1"), planId: "00000000-0000-4000-8000-000000000000" } as SessionEvent;
    expect(applyPlanEvent(plan, other)).toBe(plan);
  });
});

describe("taskOutputs", () => {
  it("joins streamed deltas and keeps the whole output once the task ends", () => {
    const delta = (text: string) => event("5-0", { type: "task-delta", payload: { planId, taskId: "t1", text } });
    expect(taskOutputs([delta("Hel"), delta("lo")]).get("t1")).toBe("Hello");
    expect(taskOutputs([delta("Hel"), end("t1", "Hello, world")]).get("t1")).toBe("Hello, world");
  });
});
