import OpenAI from "openai";
import { z } from "zod";
import { AppError, type ErrorDetails } from "../errors/app-error.js";
import type { Embedder } from "./embedder.js";
import { shareEmbeddingRequests } from "./shared-embedding-requests.js";
import { normalizeInPlace } from "./vector-math.js";

export interface OpenAiEmbedderOptions {
  /** Server configuration only, never user input. Defaults to the OpenAI API. */
  baseUrl?: string;
  /** Endpoints that need no key (a local proxy) still need some placeholder here. */
  apiKey: string;
  /** Passed through untouched, so LiteLLM-style names (`openai/text-embedding-3-small`) work. */
  model: string;
  /**
   * When set, sent as the request's `dimensions` (text-embedding-3 models shorten their vectors
   * to it; models that cannot will reject the request). When unset, the model's known size is used.
   */
  dimensions?: number;
  /** Texts per request, from however many callers share it. */
  batchSize?: number;
  timeoutMs?: number;
  /** The SDK's own retries (429, 5xx, connection errors, with backoff) are the only retry layer. */
  maxRetries?: number;
}

const knownDimensions: Record<string, number> = {
  "text-embedding-3-small": 1536,
  "text-embedding-3-large": 3072,
  "text-embedding-ada-002": 1536,
};

// Only the fields we use are read; everything else the provider sends is ignored.
const embeddingResponse = z.object({
  data: z.array(z.object({ index: z.number().int().nonnegative(), embedding: z.array(z.number()) })),
});

function dimensionsOf(model: string, configured: number | undefined): number {
  const dimensions = configured ?? knownDimensions[model.split("/").at(-1) ?? model];
  if (dimensions === undefined) throw new Error(`The vector size of embedding model "${model}" is not known: configure its dimensions`);
  return dimensions;
}

const embeddingFailed = (details: ErrorDetails, cause?: unknown) =>
  new AppError("EMBEDDING_FAILED", "The embedding provider failed", { details, cause });

function describeFailure(error: unknown): ErrorDetails {
  if (error instanceof OpenAI.APIConnectionTimeoutError) return { reason: "timeout" };
  if (error instanceof OpenAI.APIConnectionError) return { reason: "connection" };
  const status: unknown = error instanceof OpenAI.APIError ? error.status : undefined;
  return typeof status === "number" ? { reason: "status", status } : { reason: "unknown" };
}

/** Reads one batch's vectors back in input order, refusing anything but exactly one vector of the right size per text. */
function readVectors(body: unknown, count: number, dimensions: number): Float32Array[] {
  const parsed = embeddingResponse.safeParse(body);
  if (!parsed.success) throw embeddingFailed({ reason: "malformed-response" });
  const vectors = Array.from<Float32Array | undefined>({ length: count });
  for (const { index, embedding } of parsed.data.data) {
    if (index >= count || vectors[index] || embedding.length !== dimensions) {
      throw embeddingFailed({ reason: "malformed-response", expectedDimensions: dimensions, receivedDimensions: embedding.length });
    }
    // Unit length is the Embedder contract; not every OpenAI-compatible server normalizes.
    vectors[index] = normalizeInPlace(Float32Array.from(embedding));
  }
  if (vectors.some((vector) => vector === undefined)) throw embeddingFailed({ reason: "malformed-response", expected: count });
  return vectors as Float32Array[];
}

/** Embeddings from an OpenAI-compatible `/embeddings` endpoint, in batches shared by the callers of one turn (see `shareEmbeddingRequests`). */
export function createOpenAiEmbedder({
  baseUrl,
  apiKey,
  model,
  dimensions: configuredDimensions,
  batchSize = 64,
  timeoutMs = 30_000,
  maxRetries = 2,
}: OpenAiEmbedderOptions): Embedder {
  const dimensions = dimensionsOf(model, configuredDimensions);
  const client = new OpenAI({ apiKey, baseURL: baseUrl ?? null, timeout: timeoutMs, maxRetries });

  async function embedBatch(texts: string[], signal: AbortSignal): Promise<Float32Array[]> {
    let body: unknown;
    try {
      // "float" rather than the SDK's default base64: every OpenAI-compatible server speaks it.
      body = await client.embeddings.create(
        { model, input: texts, encoding_format: "float", ...(configuredDimensions === undefined ? {} : { dimensions: configuredDimensions }) },
        { signal },
      );
    } catch (error) {
      throw embeddingFailed(describeFailure(error), error);
    }
    return readVectors(body, texts.length, dimensions);
  }

  return { model, dimensions, embed: shareEmbeddingRequests(embedBatch, { batchSize }) };
}
