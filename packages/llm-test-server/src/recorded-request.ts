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
  content: string;
}

/** A chat completions request with the fields scripted handlers usually need, read leniently. */
export interface ChatCompletionRequest extends RecordedRequest {
  model: string;
  messages: ChatMessageSeen[];
  stream: boolean;
  includeUsage: boolean;
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
    content: typeof value.content === "string" ? value.content : JSON.stringify(value.content ?? ""),
  };
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
