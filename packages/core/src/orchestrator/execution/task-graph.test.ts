import { describe, expect, it } from "vitest";
import type { TaskStatus } from "../plan-graph.js";
import { answerSources, isTaskReady, planOutcome, transitiveDependents, type TaskNode } from "./task-graph.js";

const task = (taskId: string, dependencies: string[] = [], status: TaskStatus = "pending"): TaskNode => ({ taskId, dependencies, status });

// a → b → d, a → c → d, e independent
const diamond = [task("a"), task("b", ["a"]), task("c", ["a"]), task("d", ["b", "c"]), task("e")];

describe("transitiveDependents", () => {
  it("finds every task downstream, once, and nothing upstream or beside it", () => {
    expect(transitiveDependents(diamond, "a").sort()).toEqual(["b", "c", "d"]);
    expect(transitiveDependents(diamond, "b")).toEqual(["d"]);
    expect(transitiveDependents(diamond, "e")).toEqual([]);
  });
});

describe("isTaskReady", () => {
  it("needs a pending task whose dependencies have all completed", () => {
    const statuses = new Map<string, TaskStatus>([
      ["b", "completed"],
      ["c", "running"],
    ]);
    const statusOf = (taskId: string) => statuses.get(taskId);
    expect(isTaskReady(task("d", ["b", "c"]), statusOf)).toBe(false);
    statuses.set("c", "completed");
    expect(isTaskReady(task("d", ["b", "c"]), statusOf)).toBe(true);
    expect(isTaskReady(task("d", ["b", "c"], "running"), statusOf)).toBe(false);
  });
});

describe("answerSources", () => {
  it("is the sinks when every task completed", () => {
    const done = diamond.map((node) => ({ ...node, status: "completed" as const }));
    expect(answerSources(done).map((node) => node.taskId)).toEqual(["d", "e"]);
  });

  it("is the furthest completed results when a branch failed", () => {
    const partial = [task("a", [], "completed"), task("b", ["a"], "completed"), task("c", ["a"], "failed"), task("d", ["b", "c"], "skipped")];
    expect(answerSources(partial).map((node) => node.taskId)).toEqual(["b"]);
  });
});

describe("planOutcome", () => {
  it("is completed without failures, partial_success with some, failed when nothing completed", () => {
    expect(planOutcome([task("a", [], "completed")])).toBe("completed");
    expect(planOutcome([task("a", [], "completed"), task("b", [], "failed"), task("c", ["b"], "skipped")])).toBe("partial_success");
    expect(planOutcome([task("a", [], "failed"), task("b", ["a"], "skipped")])).toBe("failed");
  });
});
