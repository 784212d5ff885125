import { describe, expect, it } from "vitest";
import type { PlannedTask } from "../plan-graph.js";
import { maxPlanDepth, maxPlanTasks, validatePlanGraph } from "./validate-plan-graph.js";

const agents = ["CodeAssistant", "DocumentWriter"];

function task(taskId: string, dependencies: string[] = [], agent = "CodeAssistant"): PlannedTask {
  return { taskId, description: `Do ${taskId}`, agent, dependencies, expectedOutput: "" };
}

const chain = (length: number) => Array.from({ length }, (_, index) => task(`t${index + 1}`, index === 0 ? [] : [`t${index}`]));

describe("validatePlanGraph", () => {
  it("accepts a diamond over known agents", () => {
    const tasks = [task("a"), task("b", ["a"]), task("c", ["a"], "DocumentWriter"), task("d", ["b", "c"])];

    expect(validatePlanGraph({ tasks }, agents)).toEqual([]);
  });

  it("reports a cycle with the ids of the tasks on it, in dependency order", () => {
    const tasks = [task("start"), task("a", ["start", "c"]), task("b", ["a"]), task("c", ["b"]), task("after", ["c"])];

    const problems = validatePlanGraph({ tasks }, agents);

    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ problem: "cycle" });
    // Whichever task the search enters first, the cycle reads a → b → c in execution order.
    const cycle = problems[0]!.taskIds;
    expect(new Set(cycle)).toEqual(new Set(["a", "b", "c"]));
    const rotation = cycle.indexOf("a");
    expect([...cycle.slice(rotation), ...cycle.slice(0, rotation)]).toEqual(["a", "b", "c"]);
    expect(problems[0]!.message).toContain("form a cycle");
  });

  it("names an unknown agent, the task it was given to and the agents there are", () => {
    const problems = validatePlanGraph({ tasks: [task("t1"), task("t2", [], "Ghost")] }, agents);

    expect(problems).toEqual([expect.objectContaining({ problem: "unknown_agent", taskIds: ["t2"], agent: "Ghost" })]);
    expect(problems[0]!.message).toContain('"CodeAssistant", "DocumentWriter"');
  });

  it("reports a self-dependency, an unknown dependency and a duplicate id together", () => {
    const tasks = [task("t1", ["t1"]), task("t2", ["t9"]), task("t2")];

    const problems = validatePlanGraph({ tasks }, agents).map(({ problem, taskIds }) => ({ problem, taskIds }));

    expect(problems).toEqual(
      expect.arrayContaining([
        { problem: "duplicate_task_id", taskIds: ["t2"] },
        { problem: "self_dependency", taskIds: ["t1"] },
        { problem: "unknown_dependency", taskIds: ["t2"] },
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it(`refuses more than ${maxPlanTasks} tasks and accepts exactly ${maxPlanTasks}`, () => {
    const many = (count: number) => Array.from({ length: count }, (_, index) => task(`t${index}`));

    expect(validatePlanGraph({ tasks: many(maxPlanTasks) }, agents)).toEqual([]);
    expect(validatePlanGraph({ tasks: many(maxPlanTasks + 1) }, agents)).toEqual([
      expect.objectContaining({ problem: "too_many_tasks", taskCount: 51, maxTasks: 50 }),
    ]);
  });

  it(`refuses a chain deeper than ${maxPlanDepth} and accepts one of exactly ${maxPlanDepth}`, () => {
    expect(validatePlanGraph({ tasks: chain(maxPlanDepth) }, agents)).toEqual([]);
    expect(validatePlanGraph({ tasks: chain(maxPlanDepth + 1) }, agents)).toEqual([
      expect.objectContaining({ problem: "too_deep", depth: 11, maxDepth: 10 }),
    ]);
  });

  it("refuses an empty plan", () => {
    expect(validatePlanGraph({ tasks: [] }, agents)).toEqual([expect.objectContaining({ problem: "no_tasks" })]);
  });
});
