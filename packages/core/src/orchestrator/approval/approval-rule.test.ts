import { describe, expect, it } from "vitest";
import { decideApproval, formatUsd } from "./approval-rule.js";

const writer = { name: "Writer", config: { tools: ["text_formatter" as const] } };
const coder = { name: "Coder", config: { tools: ["file_reader" as const, "code_executor" as const] } };
const analyst = { name: "Analyst", config: { tools: ["python_exec" as const] } };

describe("decideApproval", () => {
  it("lets a plan at or under the threshold with safe tools run at once", () => {
    expect(decideApproval({ totalCostUsd: 0.1, thresholdUsd: 0.1, assignedAgents: [writer] })).toEqual({ requiresApproval: false, approvalReason: null });
  });

  it("asks when the estimate exceeds the threshold, naming both amounts", () => {
    const decision = decideApproval({ totalCostUsd: 0.1234, thresholdUsd: 0.1, assignedAgents: [writer] });

    expect(decision.requiresApproval).toBe(true);
    expect(decision.approvalReason).toBe("The estimated cost of $0.1234 exceeds your approval threshold of $0.10.");
  });

  it("asks when an assigned agent holds a tool that runs code, naming agent and tool", () => {
    const decision = decideApproval({ totalCostUsd: 0.01, thresholdUsd: 0.1, assignedAgents: [writer, coder, analyst] });

    expect(decision).toEqual({
      requiresApproval: true,
      approvalReason: "Tasks use agents with tools that run code: Coder (code_executor); Analyst (python_exec).",
    });
  });

  it("formats amounts in cents, with sub-cent digits only where they matter", () => {
    expect([0.1, 0.1234, 0.005, 12.5, 0].map(formatUsd)).toEqual(["$0.10", "$0.1234", "$0.005", "$12.50", "$0.00"]);
  });

  it("gives both reasons when both rules apply", () => {
    const { approvalReason } = decideApproval({ totalCostUsd: 2, thresholdUsd: 0, assignedAgents: [coder] });

    expect(approvalReason).toContain("exceeds your approval threshold of $0.00");
    expect(approvalReason).toContain("Coder (code_executor)");
  });
});
