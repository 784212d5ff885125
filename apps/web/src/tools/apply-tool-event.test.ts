import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../chat/chat-types.js";
import { applyToolDecision, applyToolEvent } from "./apply-tool-event.js";
import type { ToolCallView } from "./tool-call-types.js";

const sessionId = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const messageId = "0f8fad5b-d9cb-469f-a165-70867728950e";
const at = "2026-01-01T00:00:00.000Z";
const subject = (toolCallId: string, toolName = "code_executor") => ({ toolCallId, toolName, agentId: "a", messageId, planId: null, taskId: null });
const code = { language: "python", code: "print(6 * 7)" };

function event(id: string, value: Pick<SessionEvent, "type" | "payload">): SessionEvent {
  return { id, userId: "u", projectId: sessionId, sessionId, planId: null, publishedAt: at, ...value } as SessionEvent;
}

const start = (toolCallId: string, toolName?: string) =>
  event("1-0", { type: "tool-start", payload: { ...subject(toolCallId, toolName), input: code, startedAt: at } });
const approvalRequest = (toolCallId: string) =>
  event("1-1", { type: "tool-approval-request", payload: { ...subject(toolCallId), input: code, reason: "code_executor runs code", expiresAt: at } });
const approvalEnd = (toolCallId: string, decision: "approved" | "rejected", reason: "user" | "approval_timeout" | "cancelled" = "user") =>
  event("1-2", { type: "tool-approval-end", payload: { ...subject(toolCallId), decision, reason, decidedAt: at } });
const end = (toolCallId: string, status: "completed" | "failed" | "rejected", output = "42") =>
  event("1-3", {
    type: "tool-end",
    payload: {
      ...subject(toolCallId),
      status,
      output,
      error: null,
      attachments: [{ path: "charts/answer.svg", mediaType: "image/svg+xml" }],
      latencyMilliseconds: 120,
      endedAt: at,
    },
  });

const fold = (events: SessionEvent[], from: readonly ToolCallView[] = []) => events.reduce(applyToolEvent, from);

describe("applyToolEvent", () => {
  it("opens a call on its start and ends it with its output, attachments and duration", () => {
    const running = fold([start("c1", "data_visualizer")]);
    expect(running).toEqual([expect.objectContaining({ toolCallId: "c1", toolName: "data_visualizer", phase: "running", input: code, messageId })]);
    const [ended] = fold([end("c1", "completed")], running);
    expect(ended).toMatchObject({
      phase: "completed",
      output: "42",
      attachments: [{ path: "charts/answer.svg", mediaType: "image/svg+xml" }],
      durationMilliseconds: 120,
    });
  });

  it("walks a dangerous call through approval, approval and the run", () => {
    const waiting = fold([start("c1"), approvalRequest("c1")]);
    expect(waiting[0]).toMatchObject({ phase: "awaiting_approval", approval: { reason: "code_executor runs code", expiresAt: at } });
    const approved = fold([approvalEnd("c1", "approved")], waiting);
    expect(approved[0]).toMatchObject({ phase: "approved", decision: { decision: "approved", reason: "user" } });
    expect(fold([end("c1", "completed")], approved)[0]?.phase).toBe("completed");
  });

  it("records why an approval was refused", () => {
    const [expired] = fold([start("c1"), approvalRequest("c1"), approvalEnd("c1", "rejected", "approval_timeout"), end("c1", "rejected", "Nobody approved")]);
    expect(expired).toMatchObject({ phase: "rejected", decision: { decision: "rejected", reason: "approval_timeout" }, output: "Nobody approved" });
  });

  it("never moves a call back when an older event arrives late", () => {
    const ended = fold([start("c1"), approvalRequest("c1"), approvalEnd("c1", "approved"), end("c1", "completed")]);
    expect(fold([approvalRequest("c1"), start("c1"), approvalEnd("c1", "rejected")], ended)).toBe(ended);
  });

  it("opens a call from whichever event comes first when the start was missed", () => {
    const [call] = fold([approvalRequest("c2")]);
    expect(call).toMatchObject({ toolCallId: "c2", phase: "awaiting_approval", input: code });
  });

  it("keeps calls in the order they were first seen and ignores other events", () => {
    const calls = fold([start("c1"), start("c2"), end("c1", "completed")]);
    expect(calls.map((call) => call.toolCallId)).toEqual(["c1", "c2"]);
    const delta = event("2-0", { type: "message-delta", payload: { messageId, sessionId, agentId: "a", text: "Hi" } });
    expect(applyToolEvent(calls, delta)).toBe(calls);
  });
});

describe("applyToolDecision", () => {
  it("resolves the call as soon as the user's answer is accepted", () => {
    const waiting = fold([start("c1"), approvalRequest("c1")]);
    expect(applyToolDecision(waiting, waiting[0]!, "rejected")[0]).toMatchObject({ phase: "rejected", decision: { decision: "rejected", reason: "user" } });
  });

  it("adds a call that only a fetched list knew", () => {
    const [known] = fold([approvalRequest("c9")]);
    expect(applyToolDecision([], known!, "approved")).toEqual([expect.objectContaining({ toolCallId: "c9", phase: "approved" })]);
  });

  it("changes nothing once the call has moved on", () => {
    const ended = fold([start("c1"), approvalRequest("c1"), end("c1", "completed")]);
    expect(applyToolDecision(ended, ended[0]!, "approved")).toBe(ended);
  });
});
