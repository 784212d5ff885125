import { describe, expect, it } from "vitest";
import type { SessionEvent } from "./chat-types.js";
import { applyMessageEvent, type LiveReply } from "./live-replies.js";

const subject = { messageId: "m1", sessionId: "s1", agentId: "a1", agentName: "CodeAssistant" };
const envelope = { userId: "u1", projectId: "p1", sessionId: "s1", planId: null, publishedAt: "2026-01-01T00:00:00.000Z" };

function event(id: string, value: Pick<SessionEvent, "type" | "payload">): SessionEvent {
  return { id, ...envelope, ...value } as SessionEvent;
}

const start = event("1-0", { type: "message-start", payload: { ...subject, model: "gpt", startedAt: "2026-01-01T00:00:00.000Z" } });
const delta = (id: string, text: string) => event(id, { type: "message-delta", payload: { messageId: "m1", sessionId: "s1", agentId: "a1", text } });

function fold(events: SessionEvent[]): readonly LiveReply[] {
  return events.reduce<readonly LiveReply[]>((replies, next) => applyMessageEvent(replies, next), []);
}

describe("applyMessageEvent", () => {
  it("opens a reply on start and appends each delta", () => {
    expect(fold([start, delta("1-1", "Hel"), delta("1-2", "lo")])).toEqual([
      { messageId: "m1", agentId: "a1", agentName: "CodeAssistant", text: "Hello", status: "streaming", error: undefined },
    ]);
  });

  it("takes the stored content at the end, whatever deltas were missed", () => {
    const end = event("1-3", {
      type: "message-end",
      payload: {
        ...subject,
        content: "Hello world",
        model: "gpt",
        usage: { promptTokens: 3, completionTokens: 2 },
        costUsd: 0.001,
        latencyMilliseconds: 20,
        completedAt: "2026-01-01T00:00:01.000Z",
      },
    });
    expect(fold([delta("1-1", "Hel"), end])).toEqual([
      { messageId: "m1", agentId: "a1", agentName: "CodeAssistant", text: "Hello world", status: "done", error: undefined },
    ]);
  });

  it("keeps what streamed before a failure and says why it stopped", () => {
    const fail = event("1-2", {
      type: "message-fail",
      payload: { ...subject, error: { code: "LLM_UNAVAILABLE", message: "The model provider is unavailable" }, failedAt: "2026-01-01T00:00:01.000Z" },
    });
    expect(fold([start, delta("1-1", "Partial"), fail])).toEqual([
      { messageId: "m1", agentId: "a1", agentName: "CodeAssistant", text: "Partial", status: "failed", error: "The model provider is unavailable" },
    ]);
  });

  it("ignores events that are not about messages", () => {
    const replies = fold([start]);
    const planEvent = event("2-0", { type: "plan-start", payload: { planId: "p", status: "executing", startedAt: "2026-01-01T00:00:00.000Z" } });
    expect(applyMessageEvent(replies, planEvent)).toBe(replies);
  });
});
