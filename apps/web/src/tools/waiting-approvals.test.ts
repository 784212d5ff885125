import { describe, expect, it } from "vitest";
import { waitingCallFromRecord, withWaitingCalls, type ToolCallRecord } from "./waiting-approvals.js";

const at = "2026-01-01T00:00:00.000Z";
const id = "0f8fad5b-d9cb-469f-a165-70867728950e";

function record(overrides: Partial<ToolCallRecord>): ToolCallRecord {
  return {
    id: "c1",
    agentId: id,
    sessionId: id,
    planId: null,
    taskId: null,
    messageId: "reply-1",
    tool: "code_executor",
    risk: "dangerous",
    arguments: { language: "python", code: "print(1)" },
    status: "awaiting_approval",
    statusReason: null,
    approvalExpiresAt: at,
    durationMilliseconds: null,
    createdAt: at,
    completedAt: null,
    ...overrides,
  };
}

describe("waiting approvals from the audit trail", () => {
  it("turns a waiting record into a call with its deadline", () => {
    expect(waitingCallFromRecord(record({}))).toMatchObject({ toolCallId: "c1", phase: "awaiting_approval", approval: { expiresAt: at }, messageId: "reply-1" });
    expect(waitingCallFromRecord(record({ status: "completed" }))).toBeUndefined();
  });

  it("adds only the waiting calls the stream has not mentioned", () => {
    const live = [{ ...waitingCallFromRecord(record({}))!, phase: "approved" as const }];
    const merged = withWaitingCalls(live, [record({}), record({ id: "c2" })]);
    expect(merged.map((call) => [call.toolCallId, call.phase])).toEqual([
      ["c1", "approved"],
      ["c2", "awaiting_approval"],
    ]);
    expect(withWaitingCalls(live, [])).toBe(live);
  });
});
