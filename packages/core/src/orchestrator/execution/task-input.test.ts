import { describe, expect, it } from "vitest";
import { buildTaskInput, dependencyResultsHeading } from "./task-input.js";

describe("buildTaskInput", () => {
  it("gives the task, what to deliver, and each dependency's output under its task id", () => {
    const input = buildTaskInput({
      description: "Write the summary",
      expectedOutput: "Three bullet points",
      dependencyOutputs: [
        { taskId: "research", agentName: "Researcher", output: "Finding one.\n" },
        { taskId: "numbers", agentName: "DataAnalyst", output: "42" },
      ],
    });
    expect(input).toBe(
      `Write the summary\n\nExpected output: Three bullet points\n\n${dependencyResultsHeading}\n\n### research (Researcher)\nFinding one.\n\n### numbers (DataAnalyst)\n42`,
    );
  });

  it("is just the description for a first task without an expected output", () => {
    expect(buildTaskInput({ description: " Plan it ", expectedOutput: null, dependencyOutputs: [] })).toBe("Plan it");
  });
});
