import type { Exchange } from "./exchange.js";
import type { ChatCompletionRequest } from "./recorded-request.js";
import type { ToolCallsReply } from "./replies.js";
import { defaultUsage, newEnvelope, splitText, toProviderUsage } from "./write-chat-completion.js";

let callSequence = 0;

interface WireCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

function toWireCalls(reply: ToolCallsReply): WireCall[] {
  return reply.calls.map((call) => {
    callSequence += 1;
    return {
      id: call.id ?? `call_${callSequence}`,
      type: "function",
      function: { name: call.name, arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments) },
    };
  });
}

/** Answers with tool calls the way OpenAI does: `tool_calls` deltas keyed by index when streaming, `message.tool_calls` otherwise. */
export async function writeToolCallsReply(exchange: Exchange, request: ChatCompletionRequest, reply: ToolCallsReply): Promise<void> {
  if (!(await exchange.pause(reply.delayBeforeFirstByteMs))) return;
  const envelope = newEnvelope(request);
  const calls = toWireCalls(reply);
  const text = reply.text ?? "";
  const usage = reply.usage === undefined ? defaultUsage(request, text + calls.map((call) => call.function.arguments).join(" ")) : reply.usage;
  const finishReason = reply.finishReason ?? "tool_calls";
  const { response } = exchange;

  if (!request.stream) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        ...envelope,
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: text || null, tool_calls: calls, refusal: null }, logprobs: null, finish_reason: finishReason }],
        ...(usage === null ? {} : { usage: toProviderUsage(usage) }),
      }),
    );
    return;
  }

  const usageField = request.includeUsage ? { usage: null } : {};
  const event = (data: object) => response.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: object, chunkFinishReason: string | null) =>
    event({ ...envelope, object: "chat.completion.chunk", choices: [{ index: 0, delta, logprobs: null, finish_reason: chunkFinishReason }], ...usageField });

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  chunk({ role: "assistant", content: "" }, null);
  for (const piece of splitText(text, undefined)) chunk({ content: piece }, null);
  for (const [index, call] of calls.entries()) {
    chunk({ tool_calls: [{ index, id: call.id, type: "function", function: { name: call.function.name, arguments: "" } }] }, null);
    for (const piece of splitText(call.function.arguments, 3)) chunk({ tool_calls: [{ index, function: { arguments: piece } }] }, null);
  }
  chunk({}, finishReason);
  if (request.includeUsage && usage !== null) event({ ...envelope, object: "chat.completion.chunk", choices: [], usage: toProviderUsage(usage) });
  response.end("data: [DONE]\n\n");
}
