import type { Completion } from "./llm-client.js";

/** The only parts of a provider's answer we read; everything else it sends is ignored. */
export interface ProviderFields {
  content?: string;
  finishReason?: string;
  usage?: { promptTokens: number; completionTokens: number };
}

/** Reads one streamed `chat.completion.chunk`: the first choice's delta text and finish reason, and usage. */
export function readChunkFields(chunk: unknown): ProviderFields {
  const record = asRecord(chunk);
  const choice = asRecord(Array.isArray(record?.choices) ? (record.choices as unknown[])[0] : undefined);
  return compact({
    content: stringOrUndefined(asRecord(choice?.delta)?.content),
    finishReason: stringOrUndefined(choice?.finish_reason),
    usage: readUsage(record?.usage),
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
  });
}

export function toFinishReason(providerReason: string): Completion["finishReason"] {
  switch (providerReason) {
    case "stop":
    case "length":
    case "content_filter":
      return providerReason;
    default:
      return "other";
  }
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

function compact(fields: ProviderFields): ProviderFields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
