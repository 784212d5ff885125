import { describe, expect, it } from "vitest";
import { parsePlanReply, planResponseFormat } from "./plan-reply.js";

const task = { task_id: "t1", description: "Write it", agent: "DocumentWriter", dependencies: [], expected_output: "A page" };

describe("parsePlanReply", () => {
  it("reads a plan wrapped in a code fence and prose", () => {
    const reply = parsePlanReply(`Here is the plan:\n\`\`\`json\n${JSON.stringify({ tasks: [task] })}\n\`\`\`\nGood luck!`);

    expect(reply).toEqual({
      ok: true,
      graph: { tasks: [{ taskId: "t1", description: "Write it", agent: "DocumentWriter", dependencies: [], expectedOutput: "A page" }] },
    });
  });

  it("reads a bare array of tasks, numeric ids and missing optional fields", () => {
    const reply = parsePlanReply(`[{"task_id": 1, "description": "A", "agent": "X"}, {"task_id": 2, "description": "B", "agent": "Y", "dependencies": [1]}]`);

    expect(reply.ok && reply.graph.tasks.map(({ taskId, dependencies, expectedOutput }) => ({ taskId, dependencies, expectedOutput }))).toEqual([
      { taskId: "1", dependencies: [], expectedOutput: "" },
      { taskId: "2", dependencies: ["1"], expectedOutput: "" },
    ]);
  });

  it("says why an answer is not a plan", () => {
    expect(parsePlanReply("I would rather not.")).toEqual({ ok: false, reason: "The answer contains no JSON object." });
    const missing = parsePlanReply(JSON.stringify({ tasks: [{ task_id: "t1", agent: "X" }] }));
    expect(missing.ok).toBe(false);
    expect(!missing.ok && missing.reason).toContain("tasks.0.description");
  });
});

describe("planResponseFormat", () => {
  it("asks for a strict schema whose agent must be one of the project's", () => {
    const format = planResponseFormat(["A", "B"]);

    expect(format).toMatchObject({ type: "json_schema", name: "task_plan", strict: true });
    expect(JSON.stringify(format.schema)).toContain('"enum":["A","B"]');
  });
});
