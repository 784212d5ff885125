import type { JsonValue } from "../errors/app-error.js";

export type ApprovalOutcome = "approved" | "rejected" | "expired";

export interface ApprovalQuestion {
  invocationId: string;
  toolName: string;
  input: JsonValue;
}

/** Decides whether a dangerous tool call may run. */
export interface ToolApprovalGate {
  decide(question: ApprovalQuestion, signal: AbortSignal): Promise<ApprovalOutcome>;
}

/** Inside a plan the user approved the whole plan, dangerous tools named in its reason included. */
export const approvedWithPlan: ToolApprovalGate = { decide: () => Promise.resolve("approved") };
