import { countWords } from "./embed-text.js";
import type { Exchange } from "./exchange.js";
import type { ChatCompletionRequest } from "./recorded-request.js";
import type { ScriptedUsage, TextReply } from "./replies.js";

let completionSequence = 0;

/** The fields every completion and chunk of one answer share. */
export function newEnvelope(request: ChatCompletionRequest): Envelope {
  completionSequence += 1;
  return { id: `chatcmpl-test-${completionSequence}`, created: Math.floor(Date.now() / 1000), model: request.model };
}

/** Answers like the OpenAI Chat Completions API: SSE chunks when `stream` was asked for, one JSON body otherwise. */
export async function writeTextReply(exchange: Exchange, request: ChatCompletionRequest, reply: TextReply): Promise<void> {
  if (!(await exchange.pause(reply.delayBeforeFirstByteMs))) return;
  const envelope = newEnvelope(request);
  const usage = reply.usage === undefined ? defaultUsage(request, reply.text) : reply.usage;
  const finishReason = reply.finishReason === undefined ? "stop" : reply.finishReason;
  if (request.stream) {
    await writeStream(exchange, { request, reply, envelope, usage, finishReason });
  } else {
    writeJson(exchange, { reply, envelope, usage, finishReason });
  }
}

export interface Envelope {
  id: string;
  created: number;
  model: string;
}

interface StreamPlan {
  request: ChatCompletionRequest;
  reply: TextReply;
  envelope: Envelope;
  usage: ScriptedUsage | null;
  finishReason: string | null;
}

async function writeStream(exchange: Exchange, { request, reply, envelope, usage, finishReason }: StreamPlan): Promise<void> {
  const { response } = exchange;
  // With include_usage, OpenAI sends `usage: null` on every chunk and the totals on one last chunk.
  const usageField = request.includeUsage ? { usage: null } : {};
  const event = (data: object) => response.write(`data: ${JSON.stringify(data)}\n\n`);
  const chunk = (delta: object, chunkFinishReason: string | null) =>
    event({
      ...envelope,
      object: "chat.completion.chunk",
      choices: [{ index: 0, delta, logprobs: null, finish_reason: chunkFinishReason }],
      ...usageField,
    });

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  chunk({ role: "assistant", content: "" }, null);
  if (reply.cutAfterChunks === 0) {
    exchange.cut();
    return;
  }
  const pieces = splitText(reply.text, reply.chunks);
  for (const [index, piece] of pieces.entries()) {
    if (index > 0 && !(await exchange.pause(reply.delayBetweenChunksMs))) return;
    chunk({ content: piece }, null);
    if (reply.cutAfterChunks === index + 1) {
      exchange.cut();
      return;
    }
  }
  if (!(await exchange.pause(reply.delayBetweenChunksMs))) return;
  if (finishReason !== null) chunk({}, finishReason);
  if (reply.cutAfterChunks === pieces.length + 1) {
    exchange.cut();
    return;
  }
  if (request.includeUsage && usage !== null) {
    event({ ...envelope, object: "chat.completion.chunk", choices: [], usage: toProviderUsage(usage) });
  }
  response.end("data: [DONE]\n\n");
}

function writeJson(exchange: Exchange, { reply, envelope, usage, finishReason }: Omit<StreamPlan, "request">): void {
  const body = JSON.stringify({
    ...envelope,
    object: "chat.completion",
    choices: [
      { index: 0, message: { role: "assistant", content: reply.text, refusal: null }, logprobs: null, finish_reason: finishReason },
    ],
    ...(usage === null ? {} : { usage: toProviderUsage(usage) }),
  });
  const bytes = Buffer.from(body);
  exchange.response.writeHead(200, { "content-type": "application/json", "content-length": bytes.length });
  if (reply.cutAfterChunks === undefined) {
    exchange.response.end(bytes);
    return;
  }
  exchange.response.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
  exchange.cut();
}

/** `chunks` near-equal slices of `text`, or by default one slice per word (with its trailing space); they join back to `text`. */
export function splitText(text: string, chunks: number | undefined): string[] {
  if (text.length === 0) return [];
  if (chunks === undefined) return text.match(/\s*\S+\s*/g) ?? [text];
  const count = Math.min(text.length, Math.max(1, chunks));
  return Array.from({ length: count }, (_, index) =>
    text.slice(Math.floor((index * text.length) / count), Math.floor(((index + 1) * text.length) / count)),
  );
}

export function defaultUsage(request: ChatCompletionRequest, text: string): ScriptedUsage {
  const promptTokens = request.messages.reduce((sum, message) => sum + countWords(message.content), 0);
  return { promptTokens, completionTokens: countWords(text) };
}

export function toProviderUsage(usage: ScriptedUsage) {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
  };
}
