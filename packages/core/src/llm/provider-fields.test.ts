import { describe, expect, it } from "vitest";
import { readChunkFields, readCompletionFields, toFinishReason } from "./provider-fields.js";

describe("readChunkFields", () => {
  it("reads the first choice's delta text and finish reason", () => {
    const chunk = { id: "x", choices: [{ index: 0, delta: { role: "assistant", content: "Hel" }, finish_reason: null }] };
    expect(readChunkFields(chunk)).toEqual({ content: "Hel" });
    expect(readChunkFields({ choices: [{ delta: {}, finish_reason: "stop" }] })).toEqual({ finishReason: "stop" });
  });

  it("reads usage from the final chunk", () => {
    const chunk = { choices: [], usage: { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 } };
    expect(readChunkFields(chunk)).toEqual({ usage: { promptTokens: 12, completionTokens: 3 } });
  });

  it("ignores fields of the wrong type instead of trusting them", () => {
    expect(readChunkFields({ choices: [{ delta: { content: 42 }, finish_reason: 7 }], usage: { prompt_tokens: -1, completion_tokens: 2 } })).toEqual({});
    expect(readChunkFields({ usage: { prompt_tokens: 1.5, completion_tokens: 2 } })).toEqual({});
    expect(readChunkFields(null)).toEqual({});
    expect(readChunkFields({ choices: "nope" })).toEqual({});
  });
});

describe("readCompletionFields", () => {
  it("reads the message text, finish reason and usage", () => {
    const body = {
      choices: [{ message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 5, completion_tokens: 1 },
    };
    expect(readCompletionFields(body)).toEqual({ content: "Hi", finishReason: "stop", usage: { promptTokens: 5, completionTokens: 1 } });
  });

  it("reads a null message content as empty text, and a missing message as no content", () => {
    expect(readCompletionFields({ choices: [{ message: { content: null }, finish_reason: "tool_calls" }] }).content).toBe("");
    expect(readCompletionFields({ choices: [] }).content).toBeUndefined();
  });
});

describe("toFinishReason", () => {
  it("keeps the reasons we act on and folds the rest into other", () => {
    expect(toFinishReason("stop")).toBe("stop");
    expect(toFinishReason("length")).toBe("length");
    expect(toFinishReason("content_filter")).toBe("content_filter");
    expect(toFinishReason("tool_calls")).toBe("tool_calls");
    expect(toFinishReason("function_call")).toBe("other");
  });
});
