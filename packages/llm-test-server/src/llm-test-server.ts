import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createExchange, type Exchange } from "./exchange.js";
import {
  lastUserMessage,
  recordRequest,
  toChatCompletionRequest,
  type ChatCompletionRequest,
  type RecordedRequest,
} from "./recorded-request.js";
import type { ChatReply, EmbeddingsEndpointReply, FailureReply } from "./replies.js";
import { writeTextReply } from "./write-chat-completion.js";
import { writeToolCallsReply } from "./write-tool-calls.js";
import { writeEmbeddingsReply } from "./write-embeddings.js";
import { providerErrorBody, writeErrorReply, writeJsonStatus } from "./write-error.js";

export type ChatHandler = (request: ChatCompletionRequest) => ChatReply | Promise<ChatReply>;

export interface LlmTestServerOptions {
  /** Vector size when a request does not ask for `dimensions`; default 1536 like `text-embedding-3-small`. */
  embeddingDimensions?: number;
}

export interface LlmTestServer {
  /** Pass as the OpenAI base URL: `http://127.0.0.1:<port>/v1`. */
  readonly baseUrl: string;
  /** Chat replies used in order, one per request, before the handler is asked. */
  enqueue(...replies: ChatReply[]): void;
  /** Answers chat requests once the queue is empty; without one, the server echoes the last user message. */
  handle(handler: ChatHandler | undefined): void;
  /** Embeddings replies used in order; once empty, every embeddings request gets deterministic vectors. */
  enqueueEmbeddings(...replies: EmbeddingsEndpointReply[]): void;
  /** Every request received, in order, whatever its path. */
  readonly requests: readonly RecordedRequest[];
  /** Chat replies enqueued but not used yet. */
  readonly pendingReplies: number;
  readonly inFlight: number;
  readonly maxConcurrent: number;
  /** Requests whose client closed the connection before the answer was complete. */
  readonly abortedRequests: number;
  /** Forgets scripted replies, the handler, recorded requests and counters: one server can serve a whole test file. */
  reset(): void;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const maxRequestBodyBytes = 10 * 1024 * 1024;

/** An OpenAI-compatible server on 127.0.0.1 and a random port, scripted per test. */
export async function startLlmTestServer(options: LlmTestServerOptions = {}): Promise<LlmTestServer> {
  const embeddingDimensions = options.embeddingDimensions ?? 1536;
  let chatQueue: ChatReply[] = [];
  let embeddingsQueue: EmbeddingsEndpointReply[] = [];
  let chatHandler: ChatHandler | undefined;
  let requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxConcurrent = 0;
  let abortedRequests = 0;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    inFlight += 1;
    maxConcurrent = Math.max(maxConcurrent, inFlight);
    const exchange = createExchange(response);
    response.once("close", () => {
      inFlight -= 1;
      if (!response.writableFinished && !exchange.cutByServer) abortedRequests += 1;
    });
    const { recorded, validJson } = recordRequest(request, await readBody(request));
    requests.push(recorded);
    response.once("finish", () => (recorded.respondedAt = performance.now()));
    if (request.method !== "POST" || !validJson) {
      writeJsonStatus(response, 400, providerErrorBody(400, "Expected a POST with a JSON object body."));
      return;
    }
    switch (recorded.path) {
      case "/v1/chat/completions":
        return answerChat(exchange, toChatCompletionRequest(recorded));
      case "/v1/embeddings":
        return answerEmbeddings(exchange, recorded);
      default:
        writeJsonStatus(exchange.response, 404, providerErrorBody(404, `Unknown path ${recorded.path}.`));
    }
  }

  async function answerChat(exchange: Exchange, request: ChatCompletionRequest): Promise<void> {
    const reply = chatQueue.shift() ?? (chatHandler ? await chatHandler(request) : echo(request));
    if (reply.kind === "text") return writeTextReply(exchange, request, reply);
    if (reply.kind === "tool-calls") return writeToolCallsReply(exchange, request, reply);
    return answerFailure(exchange, reply);
  }

  async function answerEmbeddings(exchange: Exchange, request: RecordedRequest): Promise<void> {
    const reply = embeddingsQueue.shift() ?? { kind: "embeddings" };
    if (reply.kind === "embeddings") return writeEmbeddingsReply(exchange, request, reply, embeddingDimensions);
    return answerFailure(exchange, reply);
  }

  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      // A broken script is a test bug: answer 500 with the reason so the failing test shows it.
      if (response.headersSent) response.destroy();
      else writeJsonStatus(response, 500, providerErrorBody(500, `llm-test-server failed: ${String(error)}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  async function close(): Promise<void> {
    chatQueue = [];
    embeddingsQueue = [];
    server.closeAllConnections();
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  }

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    enqueue: (...replies) => void chatQueue.push(...replies),
    handle: (handler) => void (chatHandler = handler),
    enqueueEmbeddings: (...replies) => void embeddingsQueue.push(...replies),
    get requests() {
      return requests;
    },
    get pendingReplies() {
      return chatQueue.length;
    },
    get inFlight() {
      return inFlight;
    },
    get maxConcurrent() {
      return maxConcurrent;
    },
    get abortedRequests() {
      return abortedRequests;
    },
    reset() {
      chatQueue = [];
      embeddingsQueue = [];
      chatHandler = undefined;
      requests = [];
      maxConcurrent = inFlight;
      abortedRequests = 0;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

async function answerFailure(exchange: Exchange, reply: FailureReply): Promise<void> {
  switch (reply.kind) {
    case "error":
      return writeErrorReply(exchange, reply);
    case "hang":
      return;
    case "reset":
      if (await exchange.pause(reply.delayBeforeFirstByteMs)) exchange.cut();
      return;
  }
}

function echo(request: ChatCompletionRequest): ChatReply {
  return { kind: "text", text: `echo: ${lastUserMessage(request)}` };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxRequestBodyBytes) throw new Error(`request body over ${maxRequestBodyBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}
