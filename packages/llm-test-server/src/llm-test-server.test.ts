import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startLlmTestServer, type LlmTestServer } from "./llm-test-server.js";

let llm: LlmTestServer;

beforeAll(async () => {
  llm = await startLlmTestServer({ embeddingDimensions: 64 });
});
afterEach(() => llm.reset());
afterAll(() => llm.close());

function post(path: string, body: object, init: RequestInit = {}): Promise<Response> {
  return fetch(`${llm.baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer test-key" },
    body: JSON.stringify(body),
    ...init,
  });
}

const chat = (extra: object = {}) => ({ model: "gpt-4.1", messages: [{ role: "user", content: "say hello" }], ...extra });

interface ChunkSeen {
  choices: Array<{ delta: { content?: string }; finish_reason: string | null }>;
  usage?: unknown;
}

interface CompletionSeen {
  model: string;
  choices: Array<{ message: { role: string; content: string }; finish_reason: string | null }>;
  usage?: unknown;
}

/** The parsed `data:` payloads of an SSE body, and whether it ended with `[DONE]`. */
async function readEvents(response: Response): Promise<{ chunks: ChunkSeen[]; done: boolean }> {
  const payloads = (await response.text())
    .split("\n\n")
    .filter((block) => block.startsWith("data: "))
    .map((block) => block.slice("data: ".length));
  const done = payloads.at(-1) === "[DONE]";
  return { chunks: (done ? payloads.slice(0, -1) : payloads).map((data) => JSON.parse(data) as ChunkSeen), done };
}

async function readCompletion(response: Response): Promise<CompletionSeen> {
  return (await response.json()) as CompletionSeen;
}

describe("chat completions", () => {
  it("streams the text in the requested number of chunks, then finish_reason, usage and [DONE]", async () => {
    llm.enqueue({ kind: "text", text: "Hello there, world", chunks: 3, usage: { promptTokens: 5, completionTokens: 4 } });
    const response = await post("/chat/completions", chat({ stream: true, stream_options: { include_usage: true } }));
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const { chunks, done } = await readEvents(response);
    const contents = chunks.slice(1, 4).map((chunk) => chunk.choices[0]?.delta.content);
    expect(contents).toHaveLength(3);
    expect(contents.join("")).toBe("Hello there, world");
    expect(chunks[4]?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks[5]?.usage).toEqual({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 });
    expect(done).toBe(true);
  });

  it("sends no usage chunk when the request did not ask for one", async () => {
    llm.enqueue({ kind: "text", text: "Hi", usage: { promptTokens: 1, completionTokens: 1 } });
    const { chunks } = await readEvents(await post("/chat/completions", chat({ stream: true })));
    expect(chunks.some((chunk) => "usage" in chunk)).toBe(false);
  });

  it("can leave finish_reason out of the stream", async () => {
    llm.enqueue({ kind: "text", text: "Hi", finishReason: null });
    const { chunks, done } = await readEvents(await post("/chat/completions", chat({ stream: true })));
    expect(done).toBe(true);
    expect(chunks.map((chunk) => chunk.choices[0]?.finish_reason)).toEqual([null, null]);
  });

  it("answers a non-streaming request with one JSON body", async () => {
    llm.enqueue({ kind: "text", text: "Whole answer", usage: null, finishReason: "length" });
    const body = await readCompletion(await post("/chat/completions", chat()));
    expect(body.choices[0]?.message).toMatchObject({ role: "assistant", content: "Whole answer" });
    expect(body.choices[0]?.finish_reason).toBe("length");
    expect(body.model).toBe("gpt-4.1");
    expect(body).not.toHaveProperty("usage");
  });

  it("uses queued replies in order, then the handler, then echoes", async () => {
    llm.enqueue({ kind: "text", text: "first" }, { kind: "text", text: "second" });
    const contentOf = async () => (await readCompletion(await post("/chat/completions", chat()))).choices[0]?.message.content;
    expect(await contentOf()).toBe("first");
    expect(await contentOf()).toBe("second");
    expect(llm.pendingReplies).toBe(0);
    llm.handle((request) => ({ kind: "text", text: `model ${request.model}, ${request.messages.length} message(s)` }));
    expect(await contentOf()).toBe("model gpt-4.1, 1 message(s)");
    llm.handle(undefined);
    expect(await contentOf()).toBe("echo: say hello");
  });

  it("records every request with its parsed body and headers", async () => {
    await post("/chat/completions", chat({ model: "openrouter/openai/gpt-4.1" }));
    expect(llm.requests).toHaveLength(1);
    expect(llm.requests[0]).toMatchObject({ method: "POST", path: "/v1/chat/completions" });
    expect(llm.requests[0]?.body.model).toBe("openrouter/openai/gpt-4.1");
    expect(llm.requests[0]?.headers.authorization).toBe("Bearer test-key");
    await vi.waitFor(() => expect(llm.requests[0]?.respondedAt).toBeGreaterThanOrEqual(llm.requests[0]?.receivedAt ?? Infinity));
  });

  it("answers a scripted error with its status, headers and an OpenAI-style body", async () => {
    llm.enqueue({ kind: "error", status: 429, headers: { "retry-after": "2" } });
    const response = await post("/chat/completions", chat());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toMatchObject({ error: { code: "rate_limit_exceeded" } });
  });

  it("cuts the stream after the given number of chunks", async () => {
    llm.enqueue({ kind: "text", text: "AAAABBBBCCCCDDDD", chunks: 4, cutAfterChunks: 2 });
    const response = await post("/chat/completions", chat({ stream: true }));
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    const readAll = async () => {
      for (let part = await reader.read(); !part.done; part = await reader.read()) received += part.value;
    };
    await expect(readAll()).rejects.toThrow();
    expect(received).toContain('"content":"AAAA"');
    expect(received).toContain('"content":"BBBB"');
    expect(received).not.toContain("CCCC");
    expect(llm.abortedRequests).toBe(0);
  });

  it("closes the connection without an answer on a reset", async () => {
    llm.enqueue({ kind: "reset" });
    await expect(post("/chat/completions", chat())).rejects.toThrow();
  });

  it("rejects a body that is not a JSON object", async () => {
    const response = await fetch(`${llm.baseUrl}/chat/completions`, { method: "POST", body: "not json" });
    expect(response.status).toBe(400);
  });
});

describe("tool calls", () => {
  const calls = [
    { id: "call_a", name: "file_reader", arguments: { path: "notes.md" } },
    { id: "call_b", name: "file_reader", arguments: '{"path": "todo' },
  ];

  it("streams each call's id and name once, then its arguments in fragments keyed by index", async () => {
    llm.enqueue({ kind: "tool-calls", calls });
    const body = await (await post("/chat/completions", chat({ stream: true }))).text();
    const deltas = body
      .split("\n\n")
      .filter((block) => block.startsWith("data: {"))
      .map((block) => JSON.parse(block.slice("data: ".length)) as { choices: Array<{ delta: { tool_calls?: Array<Record<string, unknown>> }; finish_reason: string | null }> })
      .flatMap((chunk) => chunk.choices);
    const fragments = deltas.flatMap((choice) => choice.delta.tool_calls ?? []);
    const argumentsOf = (index: number) =>
      fragments
        .filter((fragment) => fragment.index === index)
        .map((fragment) => (fragment.function as { arguments?: string }).arguments ?? "")
        .join("");

    expect(fragments.filter((fragment) => fragment.id !== undefined).map((fragment) => [fragment.index, fragment.id])).toEqual([
      [0, "call_a"],
      [1, "call_b"],
    ]);
    expect(fragments.filter((fragment) => fragment.index === 0).length).toBeGreaterThan(2);
    expect([argumentsOf(0), argumentsOf(1)]).toEqual(['{"path":"notes.md"}', '{"path": "todo']);
    expect(deltas.at(-1)?.finish_reason).toBe("tool_calls");
  });

  it("answers a non-streaming request with message.tool_calls", async () => {
    llm.enqueue({ kind: "tool-calls", calls: calls.slice(0, 1), text: "Looking." });
    const completion = (await (await post("/chat/completions", chat())).json()) as {
      choices: Array<{ message: { content: string | null; tool_calls: unknown[] }; finish_reason: string }>;
    };
    expect(completion.choices[0]).toMatchObject({
      message: { content: "Looking.", tool_calls: [{ id: "call_a", type: "function", function: { name: "file_reader", arguments: '{"path":"notes.md"}' } }] },
      finish_reason: "tool_calls",
    });
  });
});

describe("connection tracking", () => {
  it("counts a hanging request the client gave up on as aborted", async () => {
    llm.enqueue({ kind: "hang" });
    const controller = new AbortController();
    const pending = post("/chat/completions", chat(), { signal: controller.signal });
    await vi.waitFor(() => expect(llm.inFlight).toBe(1));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(1));
    expect(llm.inFlight).toBe(0);
  });

  it("tracks the highest number of requests in flight at once", async () => {
    llm.handle(() => ({ kind: "text", text: "slow", delayBeforeFirstByteMs: 50 }));
    await Promise.all(Array.from({ length: 3 }, () => post("/chat/completions", chat()).then((response) => response.text())));
    expect(llm.maxConcurrent).toBe(3);
    expect(llm.inFlight).toBe(0);
  });
});

describe("embeddings", () => {
  const embed = async (input: string[], extra: object = {}) =>
    (await (await post("/embeddings", { model: "text-embedding-3-small", input, ...extra })).json()) as {
      data: Array<{ embedding: number[] | string }>;
    };

  it("returns one deterministic unit vector per input", async () => {
    const first = await embed(["the cat sat", "a dog ran"]);
    const again = await embed(["the cat sat"]);
    expect(first.data).toHaveLength(2);
    expect(first.data[0]?.embedding).toHaveLength(64);
    expect(again.data[0]?.embedding).toEqual(first.data[0]?.embedding);
    expect(Math.hypot(...(first.data[1]?.embedding as number[]))).toBeCloseTo(1, 5);
  });

  it("encodes vectors as little-endian float32 base64 when asked", async () => {
    const floats = await embed(["the cat sat"]);
    const encoded = await embed(["the cat sat"], { encoding_format: "base64" });
    const bytes = Uint8Array.from(Buffer.from(encoded.data[0]?.embedding as string, "base64"));
    const decoded = Array.from(new Float32Array(bytes.buffer));
    expect(decoded).toEqual(floats.data[0]?.embedding);
  });

  it("honours the requested dimensions", async () => {
    expect((await embed(["x"], { dimensions: 8 })).data[0]?.embedding).toHaveLength(8);
  });

  it("serves a queued failure before returning to vectors", async () => {
    llm.enqueueEmbeddings({ kind: "error", status: 500 });
    expect((await post("/embeddings", { input: "x" })).status).toBe(500);
    expect((await post("/embeddings", { input: "x" })).status).toBe(200);
  });
});
