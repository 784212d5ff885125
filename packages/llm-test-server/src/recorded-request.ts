import type { IncomingMessage } from "node:http";

/** One request as the server received it. */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** The parsed JSON body, or `{}` when it was not a JSON object. */
  body: Record<string, unknown>;
  /** `performance.now()` when the body had been read. */
  receivedAt: number;
  /** `performance.now()` when the whole answer had been written; unset until then, and for a request never fully answered. */
  respondedAt?: number;
}

export interface ChatMessageSeen {
  role: string;
  /** `""` for an assistant message that only called tools. */
  content: string;
  /** Assistant messages: the calls it made, as sent back by the client. */
  toolCalls?: Array<{ id: string; name: string; arguments: string }>;
  /** Tool messages: the call this result answers. */
  toolCallId?: string;
}

/** A chat completions request with the fields scripted handlers usually need, read leniently. */
export interface ChatCompletionRequest extends RecordedRequest {
  model: string;
  messages: ChatMessageSeen[];
  stream: boolean;
  includeUsage: boolean;
  /** Names of the functions the client offered. */
  toolNames: string[];
}

/** Records the request; `validJson` is false when the body was not a JSON object (the server then answers 400). */
export function recordRequest(request: IncomingMessage, rawBody: string): { recorded: RecordedRequest; validJson: boolean } {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const body = parseJsonObject(rawBody);
  const recorded = {
    method: request.method ?? "GET",
    path: new URL(request.url ?? "/", "http://localhost").pathname,
    headers,
    body: body ?? {},
    receivedAt: performance.now(),
  };
  return { recorded, validJson: body !== undefined };
}

export function toChatCompletionRequest(recorded: RecordedRequest): ChatCompletionRequest {
  const { body } = recorded;
  const messages = Array.isArray(body.messages) ? body.messages.map(toMessage) : [];
  const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
  return {
    ...recorded,
    model: typeof body.model === "string" ? body.model : "",
    messages,
    stream: body.stream === true,
    includeUsage: streamOptions.include_usage === true,
    toolNames: Array.isArray(body.tools) ? body.tools.map(toolName) : [],
  };
}

/** The text of the last user message, or "" — what most scripted handlers answer to. */
export function lastUserMessage(request: ChatCompletionRequest): string {
  return request.messages.findLast((message) => message.role === "user")?.content ?? "";
}

function toMessage(value: unknown): ChatMessageSeen {
  if (!isObject(value)) return { role: "", content: "" };
  return {
    role: typeof value.role === "string" ? value.role : "",
    content: typeof value.content === "string" ? value.content : value.content == null ? "" : JSON.stringify(value.content),
    ...(Array.isArray(value.tool_calls) ? { toolCalls: value.tool_calls.map(toToolCall) } : {}),
    ...(typeof value.tool_call_id === "string" ? { toolCallId: value.tool_call_id } : {}),
  };
}

function toToolCall(value: unknown): { id: string; name: string; arguments: string } {
  const call = isObject(value) ? value : {};
  const callFunction = isObject(call.function) ? call.function : {};
  return {
    id: typeof call.id === "string" ? call.id : "",
    name: typeof callFunction.name === "string" ? callFunction.name : "",
    arguments: typeof callFunction.arguments === "string" ? callFunction.arguments : "",
  };
}

function toolName(value: unknown): string {
  const tool = isObject(value) ? value : {};
  const toolFunction = isObject(tool.function) ? tool.function : {};
  return typeof toolFunction.name === "string" ? toolFunction.name : "";
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
