import type { CompletionRequest, ToolCall } from "./llm-client.js";
import { offlineNotice } from "./offline-answer.js";

/**
 * The offline model's tool use: explicit, predictable triggers only, so a new user can watch every
 * tool work without a provider. A fenced code block runs it, "list files" or "read <file>" reads
 * the workspace, "chart <file>.csv" draws it, and "format" with JSON pretty-prints it.
 */
export function chooseOfflineToolCall(request: CompletionRequest): ToolCall | undefined {
  const last = request.messages.at(-1);
  if (last?.role !== "user") return undefined;
  const offered = new Set(request.tools?.map((tool) => tool.name));
  const text = last.content;
  const call = (name: string, input: Record<string, unknown>): ToolCall | undefined =>
    offered.has(name) ? { id: `offline_${name}`, name, arguments: JSON.stringify(input) } : undefined;

  const code = /```(python|py|javascript|js)?\s*\n([\s\S]*?)```/i.exec(text);
  if (code) {
    const python = !/^(javascript|js)$/i.test(code[1] ?? "");
    const source = code[2] ?? "";
    return (python ? call("python_exec", { code: source }) : undefined) ?? call("code_executor", { language: python ? "python" : "javascript", code: source });
  }
  const file = /\bread\s+(?:the\s+)?(?:file\s+)?([\w./-]+\.\w+)/i.exec(text);
  if (file) return call("file_reader", { path: file[1] });
  if (/\blist\s+(?:the\s+|my\s+)?files\b/i.test(text)) return call("file_reader", { path: ".", list: true });
  const json = /\bformat\b[\s\S]*?(\{[\s\S]*\}|\[[\s\S]*\])/i.exec(text);
  if (json) return call("text_formatter", { text: json[1], format: { operation: "json_pretty" } });
  return undefined;
}

/** After a tool ran: what it returned, labelled as the offline model's relay. */
export function composeOfflineToolReport(request: CompletionRequest): string | undefined {
  const results: string[] = [];
  for (let index = request.messages.length - 1; index >= 0; index -= 1) {
    const message = request.messages[index]!;
    if (message.role !== "tool") break;
    results.unshift(message.content);
  }
  if (results.length === 0) return undefined;
  const shown = results.map((result) => ["```", result.trim(), "```"].join("\n"));
  return [offlineNotice, "", "The tool returned:", "", ...shown].join("\n");
}
