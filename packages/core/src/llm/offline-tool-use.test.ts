import { describe, expect, it } from "vitest";
import type { CompletionRequest, ToolSpec } from "./llm-client.js";
import { offlineNotice } from "./offline-answer.js";
import { createOfflineLlmClient } from "./offline-llm-client.js";
import { chooseOfflineToolCall, composeOfflineToolReport } from "./offline-tool-use.js";

const spec = (name: string): ToolSpec => ({ name, description: name, parameters: { type: "object", properties: {} } });
const asking = (content: string, tools: string[]): CompletionRequest => ({
  model: "codelab-offline",
  messages: [{ role: "user", content }],
  tools: tools.map(spec),
});

describe("the offline model's tool use", () => {
  it("runs a fenced Python block with python_exec, or code_executor when that is the tool offered", () => {
    const message = "Please run this:\n```python\nprint(6 * 7)\n```";
    expect(chooseOfflineToolCall(asking(message, ["python_exec"]))).toMatchObject({ name: "python_exec", arguments: JSON.stringify({ code: "print(6 * 7)\n" }) });
    expect(JSON.parse(chooseOfflineToolCall(asking(message, ["code_executor"]))?.arguments ?? "")).toEqual({ language: "python", code: "print(6 * 7)\n" });
  });

  it("reads and lists workspace files, and pretty-prints JSON, only with the tool offered", () => {
    expect(chooseOfflineToolCall(asking("read notes.md", ["file_reader"]))?.arguments).toBe(JSON.stringify({ path: "notes.md" }));
    expect(chooseOfflineToolCall(asking("list my files", ["file_reader"]))?.name).toBe("file_reader");
    expect(chooseOfflineToolCall(asking('format {"a":1}', ["text_formatter"]))?.arguments).toContain("json_pretty");
    expect(chooseOfflineToolCall(asking("read notes.md", []))).toBeUndefined();
    expect(chooseOfflineToolCall(asking("tell me about files", ["file_reader"]))).toBeUndefined();
  });

  it("relays tool results labelled as the offline model, and never calls again after a result", async () => {
    const request: CompletionRequest = {
      model: "codelab-offline",
      messages: [
        { role: "user", content: "```python\nprint(42)\n```" },
        { role: "assistant", content: "", toolCalls: [{ id: "offline_python_exec", name: "python_exec", arguments: "{}" }] },
        { role: "tool", toolCallId: "offline_python_exec", content: "42" },
      ],
      tools: [spec("python_exec")],
    };
    expect(chooseOfflineToolCall(request)).toBeUndefined();
    expect(composeOfflineToolReport(request)).toBe(`${offlineNotice}\n\nThe tool returned:\n\n\`\`\`\n42\n\`\`\``);

    const completion = await createOfflineLlmClient({ wordPauseMs: 0 }).complete(asking("```python\nprint(42)\n```", ["python_exec"]));
    expect(completion).toMatchObject({ content: "", finishReason: "tool_calls", toolCalls: [{ name: "python_exec" }] });
  });
});
