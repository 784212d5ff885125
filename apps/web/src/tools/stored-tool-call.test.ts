import { describe, expect, it } from "vitest";
import type { Message } from "../chat/chat-types.js";
import { attachmentsOf, toolCallFromMessage } from "./stored-tool-call.js";

const at = "2026-01-01T00:00:00.000Z";
const id = "0f8fad5b-d9cb-469f-a165-70867728950e";

function toolMessage(metadata: Record<string, unknown>, content = "The program finished"): Message {
  return {
    id,
    sessionId: id,
    role: "tool",
    content,
    agentId: id,
    planId: null,
    promptTokens: null,
    completionTokens: null,
    totalTokens: null,
    cost: null,
    metadata,
    createdAt: at,
  };
}

describe("toolCallFromMessage", () => {
  it("reads a stored call with its input, output, files and the answer it belongs to", () => {
    const call = toolCallFromMessage(
      toolMessage({
        toolCallId: "c1",
        toolName: "data_visualizer",
        agentName: "DataAnalyst",
        input: { chart: "bar" },
        status: "completed",
        reason: null,
        attachments: [{ path: "charts/sales.svg", mediaType: "image/svg+xml" }],
        durationMilliseconds: 85,
        replyMessageId: "reply-1",
      }),
    );
    expect(call).toMatchObject({
      toolCallId: "c1",
      toolName: "data_visualizer",
      messageId: "reply-1",
      input: { chart: "bar" },
      phase: "completed",
      output: "The program finished",
      attachments: [{ path: "charts/sales.svg", mediaType: "image/svg+xml" }],
      durationMilliseconds: 85,
      decision: undefined,
    });
  });

  it("tells an expired approval from a user's rejection and from a failure", () => {
    const base = { toolCallId: "c1", toolName: "code_executor", input: {} };
    expect(toolCallFromMessage(toolMessage({ ...base, status: "rejected", reason: "approval_timeout" }))?.decision).toEqual({
      decision: "rejected",
      reason: "approval_timeout",
    });
    expect(toolCallFromMessage(toolMessage({ ...base, status: "failed", reason: "timeout" }))).toMatchObject({ phase: "failed", decision: undefined });
  });

  it("reads damaged metadata leniently and skips messages that are not tool calls", () => {
    expect(toolCallFromMessage(toolMessage({ toolCallId: "c1", toolName: "x", status: "odd", attachments: "none" }))).toMatchObject({
      phase: "completed",
      attachments: [],
    });
    expect(toolCallFromMessage(toolMessage({ toolName: "x" }))).toBeUndefined();
    expect(toolCallFromMessage({ ...toolMessage({ toolCallId: "c1", toolName: "x" }), role: "assistant" })).toBeUndefined();
  });
});

describe("attachmentsOf", () => {
  it("keeps well-formed attachments only", () => {
    expect(attachmentsOf({ attachments: [{ path: "charts/a.svg", mediaType: "image/svg+xml" }] })).toEqual([{ path: "charts/a.svg", mediaType: "image/svg+xml" }]);
    expect(attachmentsOf({ attachments: [{ path: "" }] })).toEqual([]);
    expect(attachmentsOf({})).toEqual([]);
  });
});
