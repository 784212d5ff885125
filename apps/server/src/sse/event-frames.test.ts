import { describe, expect, it, vi } from "vitest";
import type { CodelabEvent, StoredEvent } from "@codelab/core";
import { createSseParser, type SseFrame } from "../testing/sse-parser.js";
import { eventFrame, eventFrames } from "./event-frames.js";

let sequence = 0;

/** An event as the bus would hand it over. */
function stored(event: CodelabEvent): StoredEvent {
  sequence += 1;
  return { id: `1767225600000-${sequence}`, ...event, userId: "user-1", projectId: "project-1", sessionId: "session-1", planId: null, publishedAt: "2026-01-01T00:00:00.000Z" };
}

function parse(bytes: Buffer): SseFrame[] {
  const frames: SseFrame[] = [];
  createSseParser((frame) => frames.push(frame))(bytes.toString("utf8"));
  return frames;
}

const subject = { messageId: "message-1", sessionId: "session-1", agentId: "agent-1", agentName: "CodeAssistant" };

describe("REST event frames", () => {
  it("give each event its id, its type as the event name, and snake_case JSON naming the type", () => {
    const event = stored({ type: "message-delta", payload: { messageId: "message-1", sessionId: "session-1", agentId: "agent-1", text: "Hi" } });
    const [frame] = parse(eventFrame(event));

    expect(frame).toMatchObject({ id: event.id, event: "message-delta" });
    expect(JSON.parse(frame?.data ?? "")).toEqual({
      id: event.id,
      type: "message-delta",
      project_id: "project-1",
      session_id: "session-1",
      plan_id: null,
      published_at: event.publishedAt,
      payload: { message_id: "message-1", session_id: "session-1", agent_id: "agent-1", text: "Hi" },
    });
  });

  it("precede a message's end with the design's agent_response, which carries no id", () => {
    const end = stored({
      type: "message-end",
      payload: {
        ...subject,
        content: "Done.",
        model: "gpt",
        usage: { promptTokens: 3, completionTokens: 2 },
        costUsd: 0.01,
        latencyMilliseconds: 40,
        completedAt: "2026-01-01T00:00:00.000Z",
      },
    });
    const frames = parse(eventFrame(end));

    expect(frames.map(({ id, event }) => ({ id, event }))).toEqual([
      { id: undefined, event: undefined },
      { id: end.id, event: "message-end" },
    ]);
    expect(JSON.parse(frames[0]?.data ?? "")).toMatchObject({
      type: "agent_response",
      content: "Done.",
      agent_name: "CodeAssistant",
      usage: { prompt_tokens: 3, completion_tokens: 2 },
    });
  });

  it("keep the keys of a tool's own input and output", () => {
    const toolEnd = stored({
      type: "tool-end",
      payload: {
        toolCallId: "call-1",
        toolName: "file_reader",
        agentId: "agent-1",
        messageId: "message-1",
        planId: null,
        taskId: null,
        status: "completed",
        output: { lineCount: 3, filePath: "a.ts" },
        error: null,
        attachments: [],
        latencyMilliseconds: 5,
        endedAt: "2026-01-01T00:00:00.000Z",
      },
    });
    const payload = (JSON.parse(parse(eventFrame(toolEnd))[0]?.data ?? "") as { payload: Record<string, unknown> }).payload;

    expect(payload).toMatchObject({ tool_call_id: "call-1", latency_milliseconds: 5, output: { lineCount: 3, filePath: "a.ts" } });
  });

  it("serialize and encode an event once, however many subscribers write it", () => {
    const event = stored({ type: "message-delta", payload: { messageId: "m", sessionId: "s", agentId: "a", text: "x" } });
    const stringify = vi.spyOn(JSON, "stringify");
    const written = Array.from({ length: 200 }, () => eventFrames([event]));
    const serializations = stringify.mock.calls.length;
    stringify.mockRestore();

    expect(serializations).toBe(1);
    expect(new Set(written).size).toBe(1);
  });
});
