import type { JsonValue } from "../errors/app-error.js";

/** A function call the model asked for; `arguments` is the JSON text exactly as the model wrote it. */
export interface ToolCall {
  id: string;
  name: string;
  arguments: string;
}

export type ChatMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: readonly ToolCall[] }
  | { role: "tool"; toolCallId: string; content: string };

export type ChatRole = ChatMessage["role"];

/** A function the model may call, described by the JSON schema of its arguments. */
export interface ToolSpec {
  name: string;
  description: string;
  parameters: { [key: string]: JsonValue };
}

/**
 * Asks for an answer that is one JSON value matching `schema` (OpenAI's `response_format:
 * json_schema`). Providers that ignore it still get the instructions in the prompt, so callers
 * parse the answer tolerantly either way.
 */
export interface JsonSchemaResponseFormat {
  type: "json_schema";
  /** Letters, digits, `_` and `-`, as the providers require. */
  name: string;
  schema: { [key: string]: JsonValue };
  /** Whether the provider must follow the schema exactly (needs every property required, no extras). */
  strict?: boolean;
}

export interface CompletionRequest {
  /** Passed to the provider untouched, so LiteLLM-style names (`openrouter/openai/gpt-4.1`) work. */
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  responseFormat?: JsonSchemaResponseFormat;
  /** Functions the model may call instead of (or before) answering. */
  tools?: readonly ToolSpec[];
}

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** True when the provider did not report usage and it was counted with a tokenizer. */
  estimated: boolean;
}

export interface Completion {
  content: string;
  model: string;
  usage: TokenUsage;
  /** Calls the model asked for; empty when it answered in text only. */
  toolCalls: ToolCall[];
  finishReason: "stop" | "length" | "content_filter" | "tool_calls" | "other";
  /** Which provider answered: a real OpenAI-compatible endpoint or the built-in offline model. */
  provider: "openai-compatible" | "offline";
  /** Time spent waiting on the provider, all attempts included. */
  upstreamMilliseconds: number;
  /** US dollars for this call; set when the client was given a pricing table (always 0 for the offline model). */
  costUsd?: number;
}

export interface CompletionOptions {
  /** Aborting closes the upstream request. */
  signal?: AbortSignal;
  /** When given, the call streams and every text delta is handed over as it arrives. */
  onDelta?: (text: string) => void;
}

/** The narrow port the agents use to talk to a language model. */
export interface LlmClient {
  complete(request: CompletionRequest, options?: CompletionOptions): Promise<Completion>;
}
