import type { Completion } from "./llm-client.js";

/** A piece of a streamed tool call: the first piece of a call carries its id and name, later ones more argument text. */
export interface ToolCallFragment {
  index: number;
  id?: string;
  name?: string;
  arguments?: string;
}

/** The only parts of a provider's answer we read; everything else it sends is ignored. */
export interface ProviderFields {
  content?: string;
  finishReason?: string;
  usage?: { promptTokens: number; completionTokens: number };
  /** Streamed chunks: fragments to assemble. Whole completions: one complete fragment per call. */
  toolCalls?: ToolCallFragment[];
}

/** Reads one streamed `chat.completion.chunk`: the first choice's delta text and finish reason, and usage. */
export function readChunkFields(chunk: unknown): ProviderFields {
  const record = asRecord(chunk);
  const choice = asRecord(Array.isArray(record?.choices) ? (record.choices as unknown[])[0] : undefined);
  const delta = asRecord(choice?.delta);
  return compact({
    content: stringOrUndefined(delta?.content),
    finishReason: stringOrUndefined(choice?.finish_reason),
    usage: readUsage(record?.usage),
    toolCalls: readToolCallFragments(delta?.tool_calls),
  });
}

/**
 * Reads a non-streamed `chat.completion`. `content` is undefined only when the body has no first
 * choice with a message at all; a message whose content is null (a refusal, tool calls) reads as "".
 */
export function readCompletionFields(body: unknown): ProviderFields {
  const record = asRecord(body);
  const choice = asRecord(Array.isArray(record?.choices) ? (record.choices as unknown[])[0] : undefined);
  const message = asRecord(choice?.message);
  return compact({
    content: message ? (stringOrUndefined(message.content) ?? "") : undefined,
    finishReason: stringOrUndefined(choice?.finish_reason),
    usage: readUsage(record?.usage),
    toolCalls: readToolCallFragments(message?.tool_calls),
  });
}

export function toFinishReason(providerReason: string): Completion["finishReason"] {
  switch (providerReason) {
    case "stop":
    case "length":
    case "content_filter":
    case "tool_calls":
      return providerReason;
    default:
      return "other";
  }
}

// More calls than any model makes in one turn: the rest are ignored rather than trusted.
const maxToolCallsPerAnswer = 32;

function readToolCallFragments(value: unknown): ToolCallFragment[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const fragments: ToolCallFragment[] = [];
  for (const [position, item] of value.slice(0, maxToolCallsPerAnswer).entries()) {
    const call = asRecord(item);
    if (!call) continue;
    const callFunction = asRecord(call.function);
    fragments.push(
      compact({
        index: isTokenCount(call.index) ? call.index : position,
        id: stringOrUndefined(call.id),
        name: stringOrUndefined(callFunction?.name),
        arguments: stringOrUndefined(callFunction?.arguments),
      }),
    );
  }
  return fragments.length > 0 ? fragments : undefined;
}

function readUsage(value: unknown): ProviderFields["usage"] {
  const usage = asRecord(value);
  const promptTokens = usage?.prompt_tokens;
  const completionTokens = usage?.completion_tokens;
  return isTokenCount(promptTokens) && isTokenCount(completionTokens) ? { promptTokens, completionTokens } : undefined;
}

function isTokenCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function compact<Fields extends object>(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Fields;
}
