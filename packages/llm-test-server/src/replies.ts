/** Token counts the server reports, in the provider's `usage` object. */
export interface ScriptedUsage {
  promptTokens: number;
  completionTokens: number;
}

interface DelayedReply {
  /** Wait this long before sending anything, status line and headers included. */
  delayBeforeFirstByteMs?: number;
}

/** A successful chat completion, streamed as SSE chunks or sent as one JSON body depending on the request. */
export interface TextReply extends DelayedReply {
  kind: "text";
  text: string;
  /** Streamed as this many chunks of near-equal size; by default one chunk per word, trailing space included. */
  chunks?: number;
  delayBetweenChunksMs?: number;
  /** `null` leaves usage out, like providers that never report it. Default: word counts of prompt and reply. */
  usage?: ScriptedUsage | null;
  /** `null` leaves `finish_reason` out of every chunk. Default `"stop"`. */
  finishReason?: string | null;
  /**
   * Closes the connection after this many text chunks (streaming; one more than the text chunks
   * cuts right after the finish_reason chunk, before usage and [DONE]) or after half of the JSON
   * body (non-streaming, any value): a connection cut mid-answer.
   */
  cutAfterChunks?: number;
}

/** One function call the scripted model makes. */
export interface ScriptedToolCall {
  /** Default `call_<n>`, unique per server. */
  id?: string;
  name: string;
  /** Sent as written, so a test can script invalid JSON; an object is JSON-encoded. */
  arguments: string | Record<string, unknown>;
}

/**
 * The model asks for tool calls (all in one answer, i.e. parallel calls), optionally after some
 * text. Streamed, each call's arguments arrive in several fragments, as real providers send them.
 */
export interface ToolCallsReply extends DelayedReply {
  kind: "tool-calls";
  calls: ScriptedToolCall[];
  text?: string;
  usage?: ScriptedUsage | null;
  /** Default `"tool_calls"`. */
  finishReason?: string;
}

/** An HTTP error; without `body`, an OpenAI-style `{ error: { message, type, code } }` is sent. */
export interface ErrorReply extends DelayedReply {
  kind: "error";
  status: number;
  body?: unknown;
  /** For example `{ "retry-after": "1" }` on a 429. */
  headers?: Record<string, string>;
}

/** Never answers; the request stays open until the client gives up. */
export interface HangReply {
  kind: "hang";
}

/** Closes the connection without answering, like a reset by a proxy. */
export interface ResetReply extends DelayedReply {
  kind: "reset";
}

/** Deterministic vectors for every input (see `embed-text.ts`). */
export interface EmbeddingsReply extends DelayedReply {
  kind: "embeddings";
}

export type FailureReply = ErrorReply | HangReply | ResetReply;
export type ChatReply = TextReply | ToolCallsReply | FailureReply;
export type EmbeddingsEndpointReply = EmbeddingsReply | FailureReply;
