import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { embedText, startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from "./openai-embedder.js";
import { dotProduct } from "./vector-math.js";

// The real `openai` SDK against our OpenAI-compatible test server, scripted per test.

let llm: LlmTestServer;

const embedderFor = (options: Partial<OpenAiEmbedderOptions> = {}) =>
  createOpenAiEmbedder({ baseUrl: llm.baseUrl, apiKey: "test-key", model: "test-embedding", dimensions: 8, maxRetries: 0, ...options });

/** A 200 answer with exactly this body, however wrong. */
const answerWith = (body: unknown) => ({ kind: "error" as const, status: 200, body });

const embeddingRequests = () => llm.requests.filter((request) => request.path === "/v1/embeddings");

beforeAll(async () => {
  llm = await startLlmTestServer();
});

afterAll(() => llm.close());

beforeEach(() => llm.reset());

describe("OpenAI-compatible embedder", () => {
  it("embeds in batches and returns the provider's vectors in input order", async () => {
    const texts = ["alpha", "bravo charlie", "delta", "echo foxtrot golf", "hotel"];
    const vectors = await embedderFor({ batchSize: 2 }).embed(texts);

    expect(embeddingRequests().map((request) => request.body.input)).toEqual([["alpha", "bravo charlie"], ["delta", "echo foxtrot golf"], ["hotel"]]);
    expect(embeddingRequests()[0]).toMatchObject({
      headers: { authorization: "Bearer test-key" },
      body: { model: "test-embedding", encoding_format: "float", dimensions: 8 },
    });
    vectors.forEach((vector, index) => expect(Array.from(vector)).toEqual(Array.from(embedText(texts[index]!, 8))));
  });

  it("orders vectors by their index and scales them to unit length", async () => {
    llm.enqueueEmbeddings(
      answerWith({
        data: [
          { index: 1, embedding: [0, 3, 0, 0, 0, 0, 0, 4] },
          { index: 0, embedding: [2, 0, 0, 0, 0, 0, 0, 0] },
        ],
      }),
    );
    const [first, second] = await embedderFor().embed(["first", "second"]);
    expect(Array.from(first!)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(second![1]).toBeCloseTo(0.6, 6);
    expect(dotProduct(second!, second!)).toBeCloseTo(1, 6);
  });

  it("asks for no particular size when none is configured and uses the model's known one", async () => {
    const embedder = embedderFor({ model: "openai/text-embedding-3-small", dimensions: undefined });
    expect(embedder.dimensions).toBe(1536);
    const [vector] = await embedder.embed(["hello"]);
    expect(vector).toHaveLength(1536);
    expect(embeddingRequests()[0]?.body).not.toHaveProperty("dimensions");
    expect(embeddingRequests()[0]?.body.model).toBe("openai/text-embedding-3-small");
  });

  it("refuses to start with a model of unknown size and no configured dimensions", () => {
    expect(() => embedderFor({ model: "mystery-model", dimensions: undefined })).toThrow('"mystery-model" is not known');
  });

  it("reports a rejected request as EMBEDDING_FAILED without retrying it", async () => {
    llm.enqueueEmbeddings({ kind: "error", status: 400 });
    await expect(embedderFor({ maxRetries: 2 }).embed(["x"])).rejects.toMatchObject({
      code: "EMBEDDING_FAILED",
      details: { reason: "status", status: 400 },
    });
    expect(embeddingRequests()).toHaveLength(1);
  });

  it("retries a server error and then succeeds", async () => {
    llm.enqueueEmbeddings({ kind: "error", status: 500, headers: { "retry-after-ms": "1" } });
    const vectors = await embedderFor({ maxRetries: 1 }).embed(["x"]);
    expect(vectors).toHaveLength(1);
    expect(embeddingRequests()).toHaveLength(2);
  });

  it("gives up on a provider that does not answer in time", async () => {
    llm.enqueueEmbeddings({ kind: "hang" });
    await expect(embedderFor({ timeoutMs: 200 }).embed(["x"])).rejects.toMatchObject({
      code: "EMBEDDING_FAILED",
      details: { reason: "timeout" },
    });
  });

  it("closes the upstream request and rethrows the caller's reason when the caller aborts", async () => {
    llm.enqueueEmbeddings({ kind: "hang" });
    const controller = new AbortController();
    const pending = embedderFor().embed(["x"], { signal: controller.signal });
    await expect.poll(() => embeddingRequests().length).toBe(1);
    controller.abort(new Error("user went away"));
    await expect(pending).rejects.toThrow("user went away");
    await expect.poll(() => llm.abortedRequests).toBe(1);
  });

  it("reports an unreachable provider as a connection failure", async () => {
    const closed = createServer();
    closed.listen(0, "127.0.0.1");
    await once(closed, "listening");
    const { port } = closed.address() as AddressInfo;
    closed.close();
    await once(closed, "close");
    await expect(embedderFor({ baseUrl: `http://127.0.0.1:${port}/v1` }).embed(["x"])).rejects.toMatchObject({
      code: "EMBEDDING_FAILED",
      details: { reason: "connection" },
    });
  });

  it.each([
    ["vectors of the wrong size", { data: [0, 1].map((index) => ({ index, embedding: [1, 2, 3] })) }],
    ["too few vectors", { data: [{ index: 0, embedding: [1, 0, 0, 0, 0, 0, 0, 0] }] }],
    ["an index out of range", { data: [0, 5].map((index) => ({ index, embedding: [1, 0, 0, 0, 0, 0, 0, 0] })) }],
    ["no data at all", { error: "nothing" }],
  ])("refuses a response with %s", async (_, body) => {
    llm.enqueueEmbeddings(answerWith(body));
    await expect(embedderFor().embed(["a", "b"])).rejects.toMatchObject({ code: "EMBEDDING_FAILED", details: { reason: "malformed-response" } });
  });
});

describe("OpenAI-compatible embedder, callers of one turn", () => {
  const vectorOf = (text: string) => Array.from(embedText(text, 8));

  it("sends their texts in one request and hands each caller its own vectors", async () => {
    const embedder = embedderFor();
    const [first, second, third] = await Promise.all([embedder.embed(["alpha"]), embedder.embed(["bravo", "charlie"]), embedder.embed(["delta"])]);

    expect(embeddingRequests().map((request) => request.body.input)).toEqual([["alpha", "bravo", "charlie", "delta"]]);
    expect(first.map((vector) => Array.from(vector))).toEqual([vectorOf("alpha")]);
    expect(second.map((vector) => Array.from(vector))).toEqual([vectorOf("bravo"), vectorOf("charlie")]);
    expect(third.map((vector) => Array.from(vector))).toEqual([vectorOf("delta")]);
  });

  it("packs whole callers into requests of the batch size, and gives a larger caller requests of its own", async () => {
    const embedder = embedderFor({ batchSize: 2 });
    const [small, large, other, last] = await Promise.all([
      embedder.embed(["a"]),
      embedder.embed(["b", "c", "d"]),
      embedder.embed(["e"]),
      embedder.embed(["f"]),
    ]);

    const inputs = embeddingRequests().map((request) => (request.body.input as string[]).join(" "));
    expect(inputs.sort()).toEqual(["a", "b c", "d", "e f"]);
    expect(small.map((vector) => Array.from(vector))).toEqual(["a"].map(vectorOf));
    expect(large.map((vector) => Array.from(vector))).toEqual(["b", "c", "d"].map(vectorOf));
    expect([...other, ...last].map((vector) => Array.from(vector))).toEqual(["e", "f"].map(vectorOf));
  });

  it("never holds a later caller back behind a request already on its way", async () => {
    llm.enqueueEmbeddings({ kind: "hang" });
    const embedder = embedderFor();
    const controller = new AbortController();
    const stuck = embedder.embed(["stuck"], { signal: controller.signal });
    await expect.poll(() => embeddingRequests().length).toBe(1);

    const [vector] = await embedder.embed(["later"]);
    expect(Array.from(vector!)).toEqual(vectorOf("later"));

    controller.abort(new Error("done waiting"));
    await expect(stuck).rejects.toThrow("done waiting");
    await expect.poll(() => llm.abortedRequests).toBe(1);
  });

  it("keeps a shared request for the callers still waiting when one of them aborts", async () => {
    llm.enqueueEmbeddings({ kind: "embeddings", delayBeforeFirstByteMs: 300 });
    const embedder = embedderFor();
    const controller = new AbortController();
    const leaving = embedder.embed(["leaving"], { signal: controller.signal });
    const staying = embedder.embed(["staying"]);
    await expect.poll(() => embeddingRequests().length).toBe(1);

    controller.abort(new Error("user went away"));
    await expect(leaving).rejects.toThrow("user went away");
    const [vector] = await staying;
    expect(Array.from(vector!)).toEqual(vectorOf("staying"));
    expect(embeddingRequests()).toHaveLength(1);
    expect(llm.abortedRequests).toBe(0);
  });

  it("closes a shared request once every caller in it has aborted", async () => {
    llm.enqueueEmbeddings({ kind: "hang" });
    const embedder = embedderFor();
    const controllers = [new AbortController(), new AbortController()];
    const pending = controllers.map((controller, index) => embedder.embed([`text ${index}`], { signal: controller.signal }));
    await expect.poll(() => embeddingRequests().length).toBe(1);

    controllers[0]!.abort(new Error("first left"));
    await expect(pending[0]).rejects.toThrow("first left");
    expect(llm.abortedRequests).toBe(0);
    controllers[1]!.abort(new Error("second left"));
    await expect(pending[1]).rejects.toThrow("second left");
    await expect.poll(() => llm.abortedRequests).toBe(1);
  });

  it("fails every caller of a request the provider refused", async () => {
    llm.enqueueEmbeddings({ kind: "error", status: 400 });
    const embedder = embedderFor();
    const outcomes = await Promise.allSettled([embedder.embed(["x"]), embedder.embed(["y"])]);

    expect(outcomes).toMatchObject([
      { status: "rejected", reason: { code: "EMBEDDING_FAILED", details: { reason: "status", status: 400 } } },
      { status: "rejected", reason: { code: "EMBEDDING_FAILED", details: { reason: "status", status: 400 } } },
    ]);
    expect(embeddingRequests()).toHaveLength(1);
  });

  it("answers a caller that has already aborted without asking the provider", async () => {
    const controller = new AbortController();
    controller.abort(new Error("never mind"));
    await expect(embedderFor().embed(["x"], { signal: controller.signal })).rejects.toThrow("never mind");
    expect(embeddingRequests()).toHaveLength(0);
  });
});
