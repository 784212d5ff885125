import type { Database } from "@codelab/db";
import type { EventBus } from "../events/event-bus.js";
import type { LlmClient } from "../llm/llm-client.js";
import type { LlmLogger } from "../llm/llm-logger.js";
import type { Pricing } from "../llm/pricing.js";
import type { Embedder } from "../memory/embedder.js";
import type { MemoryStore } from "../memory/memory-store.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Clock } from "../ports/clock.js";
import type { ToolRuntime } from "../tools/tool-runtime.js";

export interface RecallSettings {
  /** At most this many memories go into a prompt. */
  limit: number;
  /** Memories less similar than this to the request are left out. */
  minScore: number;
}

/** What running an agent needs from the outside world. */
export interface AgentRuntime {
  db: Database;
  /** Tool calls and approval questions are announced on it. */
  events: EventBus;
  llm: LlmClient;
  embedder: Embedder;
  memory: MemoryStore;
  pricing: Pricing;
  metrics: Metrics;
  clock: Clock;
  logger: LlmLogger;
  recall: RecallSettings;
  /** Tokens of earlier conversation an agent sees at most. */
  historyTokenBudget: number;
  tools: ToolRuntime;
}
