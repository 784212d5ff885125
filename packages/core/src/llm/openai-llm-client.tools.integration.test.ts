import { startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.js";
import type { ChatMessage, CompletionRequest, ToolSpec } from "./llm-client.js";
import { createOpenAiLlmClient } from "./openai-llm-client.js";

// Function calling through the real `openai` SDK against our scripted OpenAI-compatible server.
let llm: LlmTestServer;
beforeAll(async () => {
  llm = await startLlmTestServer();
});
afterEach(() => llm.reset());
afterAll(() => llm.close());

function llmClient() {
  return createOpenAiLlmClient({
    apiKey: "test-key",
    baseUrl: llm.baseUrl,
    timeouts: { connectMs: 2_000, idleMs: 2_000, totalMs: 10_000 },
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2_000 },
    limits: { maxChunkChars: 1_000, maxOutputChars: 2_000 },
  });
}

const readFile: ToolSpec = {
  name: "file_reader",
  description: "Reads a workspace file.",
  parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
};

const request: CompletionRequest = { model: "gpt-4.1", messages: [{ role: "user", content: "What is in notes.md?" }], tools: [readFile] };

describe.each([
  ["streamed", true],
  ["not streamed", false],
])("tool calls, %s", (_, streaming) => {
  const complete = (body: CompletionRequest) => llmClient().complete(body, streaming ? { onDelta: () => undefined } : {});

  it("offers the tools and reads back parallel calls in order with their raw arguments", async () => {
    llm.enqueue({
      kind: "tool-calls",
      text: "Let me look.",
      calls: [
        { id: "call_a", name: "file_reader", arguments: { path: "notes.md" } },
        { id: "call_b", name: "file_reader", arguments: '{"path": "todo.md"' },
      ],
    });
    const completion = await complete(request);
    expect(completion.finishReason).toBe("tool_calls");
    expect(completion.content).toBe("Let me look.");
    expect(completion.toolCalls).toEqual([
      { id: "call_a", name: "file_reader", arguments: '{"path":"notes.md"}' },
      { id: "call_b", name: "file_reader", arguments: '{"path": "todo.md"' },
    ]);
    expect(llm.requests[0]?.body.tools).toEqual([{ type: "function", function: readFile }]);
  });

  it("sends earlier calls and their results back in the provider's format", async () => {
    const conversation: ChatMessage[] = [
      ...request.messages,
      { role: "assistant", content: "", toolCalls: [{ id: "call_a", name: "file_reader", arguments: '{"path":"notes.md"}' }] },
      { role: "tool", toolCallId: "call_a", content: "buy milk" },
    ];
    llm.enqueue({ kind: "text", text: "It says: buy milk." });
    const completion = await complete({ ...request, messages: conversation });
    expect(completion.toolCalls).toEqual([]);
    expect(completion.finishReason).toBe("stop");
    const sent = llm.requests[0]?.body.messages as unknown[];
    expect(sent.slice(1)).toEqual([
      { role: "assistant", content: null, tool_calls: [{ id: "call_a", type: "function", function: { name: "file_reader", arguments: '{"path":"notes.md"}' } }] },
      { role: "tool", tool_call_id: "call_a", content: "buy milk" },
    ]);
  });

  it("refuses a call whose arguments outgrow the output limit", async () => {
    llm.enqueue(
      { kind: "tool-calls", calls: [{ name: "file_reader", arguments: `{"path":"${"x".repeat(3_000)}"}` }] },
      { kind: "tool-calls", calls: [{ name: "file_reader", arguments: `{"path":"${"x".repeat(3_000)}"}` }] },
    );
    const error = await complete(request).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AppError);
  });
});

it("leaves tools out of the request when none are offered", async () => {
  llm.enqueue({ kind: "text", text: "Hello." });
  await llmClient().complete({ ...request, tools: [] });
  expect(llm.requests[0]?.body).not.toHaveProperty("tools");
});
