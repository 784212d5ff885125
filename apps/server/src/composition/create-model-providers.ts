import {
  answerOfflineJson,
  createLocalEmbedder,
  createOfflineLlmClient,
  createOpenAiEmbedder,
  createOpenAiLlmClient,
  createPricing,
  loadPricingTable,
  type Embedder,
  type LlmClient,
  type Pricing,
} from "@codelab/core";
import type { Config } from "../config/config.js";
import type { Logger } from "../logging/logger.js";

export interface ModelProviders {
  llm: LlmClient;
  embedder: Embedder;
  pricing: Pricing;
  /** For the start-up banner and the web app's "offline model" notice. */
  description: { llm: string; embeddings: string };
  offline: boolean;
}

const openAiDefaultBaseUrl = "https://api.openai.com/v1";

/**
 * A real OpenAI-compatible provider when OPENAI_API_KEY or OPENAI_BASE_URL is set; the built-in
 * offline model otherwise, so every feature can be tried with no account anywhere.
 */
export async function createModelProviders(config: Config, logger: Logger): Promise<ModelProviders> {
  const pricing = createPricing({ table: await loadPricingTable(config.PRICING_FILE), logger });
  const offline = !config.OPENAI_API_KEY && !config.OPENAI_BASE_URL;
  const baseUrl = config.OPENAI_BASE_URL ?? openAiDefaultBaseUrl;
  const llm = offline
    ? createOfflineLlmClient({ jsonAnswer: answerOfflineJson })
    : createOpenAiLlmClient({
        apiKey: config.OPENAI_API_KEY,
        baseUrl,
        timeouts: { connectMs: config.LLM_CONNECT_TIMEOUT_MS, idleMs: config.LLM_IDLE_TIMEOUT_MS, totalMs: config.LLM_TOTAL_TIMEOUT_MS },
        retry: {
          maxAttempts: config.LLM_MAX_ATTEMPTS,
          baseDelayMs: config.LLM_RETRY_BASE_DELAY_MS,
          maxDelayMs: config.LLM_RETRY_MAX_DELAY_MS,
          maxRetryAfterMs: config.LLM_MAX_RETRY_AFTER_MS,
        },
        limits: { maxChunkChars: 16_384, maxOutputChars: 200_000 },
        pricing,
        logger,
      });
  const remoteEmbeddings = !offline && config.EMBEDDING_MODEL !== undefined;
  const embedder = remoteEmbeddings
    ? createOpenAiEmbedder({ apiKey: config.OPENAI_API_KEY ?? "unused", baseUrl, model: config.EMBEDDING_MODEL! })
    : createLocalEmbedder();
  return {
    llm,
    embedder,
    pricing,
    offline,
    description: {
      llm: offline ? "built-in offline model (set OPENAI_API_KEY or OPENAI_BASE_URL for a real one)" : `OpenAI-compatible at ${baseUrl}`,
      embeddings: remoteEmbeddings ? `${config.EMBEDDING_MODEL} via ${baseUrl}` : `built-in local embedder (${embedder.model})`,
    },
  };
}
