import { describe, expect, it } from "vitest";
import type { Message } from "../chat/chat-types.js";
import { arrangeToolCalls } from "./arrange-tool-calls.js";
import type { ToolCallView } from "./tool-call-types.js";

const at = "2026-01-01T00:00:00.000Z";

function message(id: string, role: Message["role"], metadata: Record<string, unknown> = {}): Message {
  return {
    id,
    sessionId: "s",
    role,
    content: "",
    agentId: null,
    planId: null,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    cost: null,
    metadata,
    createdAt: at,
  };
}

const toolMessage = (id: string, toolCallId: string, replyMessageId?: string) =>
  message(id, "tool", { toolCallId, toolName: "text_formatter", input: {}, status: "completed", ...(replyMessageId ? { replyMessageId } : {}) });

function live(toolCallId: string, messageId: string | null): ToolCallView {
  return {
    toolCallId,
    toolName: "code_executor",
    agentId: null,
    messageId,
    planId: null,
    taskId: null,
    input: {},
    phase: "running",
    output: undefined,
    attachments: [],
    durationMilliseconds: undefined,
    approval: undefined,
    decision: undefined,
  };
}

describe("arrangeToolCalls", () => {
  it("puts stored calls inside the answer they led to, in order, and the rest in place", () => {
    const messages = [
      message("u1", "user"),
      toolMessage("t1", "c1", "a1"),
      toolMessage("t2", "c2", "a1"),
      toolMessage("t3", "c3", "gone"),
      toolMessage("t4", "c4"),
      message("a1", "assistant"),
    ];
    const arranged = arrangeToolCalls(messages, [], new Set());
    expect(arranged.storedByAnswer.get("a1")?.map((call) => call.toolCallId)).toEqual(["c1", "c2"]);
    expect([...arranged.shownInAnswer]).toEqual(["t1", "t2"]);
    expect([...arranged.inPlace.keys()]).toEqual(["t3", "t4"]);
  });

  it("shows a live call inside its reply until its stored copy is loaded", () => {
    const calls = [live("c1", "r1"), live("c2", null), live("c3", "elsewhere")];
    const before = arrangeToolCalls([message("u1", "user")], calls, new Set(["r1"]));
    expect(before.liveByReply.get("r1")?.map((call) => call.toolCallId)).toEqual(["c1"]);
    expect(before.liveByUnseenReply.get("elsewhere")?.map((call) => call.toolCallId)).toEqual(["c3"]);
    expect(before.liveUnattached.map((call) => call.toolCallId)).toEqual(["c2"]);

    const after = arrangeToolCalls([message("u1", "user"), toolMessage("t1", "c1", "r1"), message("r1", "assistant")], calls, new Set());
    expect(after.liveByReply.size).toBe(0);
    expect(after.storedByAnswer.get("r1")?.map((call) => call.toolCallId)).toEqual(["c1"]);
    expect(after.liveUnattached.map((call) => call.toolCallId)).toEqual(["c2"]);
  });
});
