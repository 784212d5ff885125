import type { Database } from "@codelab/db";
import type { ChatDependencies } from "../chat/send-direct-message.js";
import type { ClosableEventBus } from "../events/event-bus.js";
import { createMemoryEventBus } from "../events/memory-event-bus.js";
import { createOpenAiLlmClient } from "../llm/openai-llm-client.js";
import { createPricing, loadPricingTable } from "../llm/pricing.js";
import { createLocalEmbedder } from "../memory/local-embedder.js";
import type { MemoryStore } from "../memory/memory-store.js";
import { createPostgresMemoryStore } from "../memory/postgres-memory-store.js";
import { createMetrics } from "../metrics/metrics.js";
import { createFixedClock, type FixedClock } from "../testing/fixed-clock.js";
import { createTestToolRuntime, type TestToolRuntimeOptions } from "../tools/test-tool-runtime.js";

export interface TestRuntime extends ChatDependencies {
  events: ClosableEventBus;
  /** Moved by hand, e.g. past an approval deadline. */
  clock: FixedClock;
  /** Every warning logged, in order. */
  warnings: Array<{ message: string; fields: Record<string, unknown> | undefined }>;
}

export interface TestRuntimeOptions {
  db: Database;
  /** An OpenAI-compatible server, such as `@codelab/llm-test-server`. */
  baseUrl: string;
  historyTokenBudget?: number;
  /** Wraps the real PostgreSQL store, e.g. to make one operation fail. */
  wrapMemory?: (store: MemoryStore) => MemoryStore;
  tools?: TestToolRuntimeOptions;
}

/**
 * The runtime the server composes, built from the real parts: the `openai` client against `baseUrl`,
 * the local embedder, the PostgreSQL memory store, the shipped pricing table, an in-process event bus.
 */
export async function createTestRuntime(options: TestRuntimeOptions): Promise<TestRuntime> {
  const { db, baseUrl, historyTokenBudget = 4_000, wrapMemory = (store) => store } = options;
  const warnings: TestRuntime["warnings"] = [];
  const logger = { warn: (message: string, fields?: Record<string, unknown>) => void warnings.push({ message, fields }) };
  const clock = createFixedClock();
  const embedder = createLocalEmbedder();
  const pricing = createPricing({ table: await loadPricingTable(), logger });
  return {
    db,
    llm: createOpenAiLlmClient({
      apiKey: "test-key",
      baseUrl,
      timeouts: { connectMs: 5_000, idleMs: 5_000, totalMs: 10_000 },
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1_000 },
      limits: { maxChunkChars: 16_384, maxOutputChars: 200_000 },
      pricing,
      logger,
    }),
    embedder,
    memory: wrapMemory(createPostgresMemoryStore({ db, embedder, clock })),
    pricing,
    metrics: createMetrics(),
    clock,
    logger,
    recall: { limit: 5, minScore: 0.2 },
    historyTokenBudget,
    events: createMemoryEventBus({ clock }),
    tools: await createTestToolRuntime(options.tools),
    warnings,
  };
}
