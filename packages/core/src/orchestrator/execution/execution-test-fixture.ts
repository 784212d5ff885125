import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { lastUserMessage, startLlmTestServer, type ChatReply, type LlmTestServer, type RecordedRequest } from "@codelab/llm-test-server";
import type { ClosableEventBus } from "../../events/event-bus.js";
import { createRedisEventBus } from "../../events/redis-event-bus.js";
import { createOpenAiLlmClient } from "../../llm/openai-llm-client.js";
import { createPricing, loadPricingTable } from "../../llm/pricing.js";
import { createLocalEmbedder } from "../../memory/local-embedder.js";
import { createOpenAiEmbedder } from "../../memory/openai-embedder.js";
import { createPostgresMemoryStore } from "../../memory/postgres-memory-store.js";
import { createMetrics } from "../../metrics/metrics.js";
import { systemClock } from "../../ports/clock.js";
import { deleteKeysWithPrefix } from "../../testing/delete-keys-with-prefix.js";
import { seedUser, type SeededUser } from "../../testing/seed-user.js";
import { createTestToolRuntime, type TestToolRuntimeOptions } from "../../tools/test-tool-runtime.js";
import { createPlanEventPublisher } from "../outbox/plan-event-publisher.js";
import type { PlanExecutor } from "../plan-executor.js";
import { finalPlanStatuses } from "../plan-graph.js";
import { createPlanExecutor, type PlanExecutorOptions } from "./create-plan-executor.js";
import { insertExecutingPlan, testTaskOf, type TestTask } from "./testing/insert-executing-plan.js";
import type { ExecutionDependencies, ExecutionSettings } from "./execution-settings.js";

const redisUrl = "redis://127.0.0.1:6379";
export const synthesisModel = "synthesis-model";
export const synthesisReply = "The combined answer.";


/** A chat request the model server received, read back: which task sent it (none for the combining call) and its last user message. */
export interface SeenRequest {
  taskId: string | undefined;
  synthesis: boolean;
  input: string;
}

export function seenRequests(llm: LlmTestServer): SeenRequest[] {
  return llm.requests
    .filter((request: RecordedRequest) => request.path === "/v1/chat/completions")
    .map((request) => {
      const messages = Array.isArray(request.body.messages) ? (request.body.messages as Array<{ role?: unknown; content?: unknown }>) : [];
      const last = messages.findLast((message) => message.role === "user");
      const input = typeof last?.content === "string" ? last.content : "";
      return { taskId: testTaskOf(input), synthesis: request.body.model === synthesisModel, input };
    });
}

export interface ExecutionFixture {
  database: TestDatabase;
  llm: LlmTestServer;
  events: ClosableEventBus;
  deps: ExecutionDependencies;
  tenant: SeededUser;
  /** Every warning the engine logged. */
  warnings: string[];
  /** A new executor on the shared dependencies; closed with the fixture. */
  createExecutor(settings?: Partial<ExecutionSettings>, options?: Omit<PlanExecutorOptions, "settings">): PlanExecutor;
  /** Inserts an executing plan of these tasks, as planning and approval leave it. */
  insertPlan(tasks: TestTask[], options?: { tenant?: SeededUser; request?: string }): Promise<string>;
  /**
   * Answers each task's request with `reply(taskId)` (default: `output of <id>`) and counts the
   * requests per task; the combining call answers `synthesisReply`.
   */
  scriptTasks(reply?: (taskId: string) => ChatReply): Map<string, number>;
  /** Waits until the plan has a final status and returns its row. */
  waitForEnd(planId: string): Promise<{ status: string; finalMessageId: string | null }>;
  /** Each task's status, by task id. */
  statusesOf(planId: string): Promise<Record<string, string>>;
  close(): Promise<void>;
}

export interface ExecutionFixtureOptions {
  tools?: TestToolRuntimeOptions;
  /** How long the memory store may hold a plan task's exchange to share a write (its default otherwise). */
  memoryGatherMilliseconds?: number;
  /** `provider`: embeddings come from the model server over HTTP, as from OpenAI, rather than from the local embedder. */
  embeddings?: "local" | "provider";
}

export async function startExecutionFixture({ tools, memoryGatherMilliseconds, embeddings = "local" }: ExecutionFixtureOptions = {}): Promise<ExecutionFixture> {
  const database = await createTestDatabase();
  const { db } = database;
  const llm = await startLlmTestServer();
  const redis = new Redis(redisUrl);
  const warnings: string[] = [];
  const logger = { warn: (message: string) => void warnings.push(message) };
  const keyPrefix = `codelab-test:${randomUUID()}:`;
  const events = createRedisEventBus({ redis, keyPrefix, onError: (error) => warnings.push(error.message) });
  const embedder =
    embeddings === "provider"
      ? createOpenAiEmbedder({ baseUrl: llm.baseUrl, apiKey: "test-key", model: "test-embedding", dimensions: 8, maxRetries: 0 })
      : createLocalEmbedder();
  const pricing = createPricing({ table: await loadPricingTable() });
  const deps: ExecutionDependencies = {
    db,
    llm: createOpenAiLlmClient({
      apiKey: "test-key",
      baseUrl: llm.baseUrl,
      timeouts: { connectMs: 5_000, idleMs: 5_000, totalMs: 20_000 },
      retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 1_000 },
      limits: { maxChunkChars: 16_384, maxOutputChars: 200_000 },
      pricing,
      logger,
    }),
    embedder,
    memory: createPostgresMemoryStore({ db, embedder, ...(memoryGatherMilliseconds === undefined ? {} : { gatherMilliseconds: memoryGatherMilliseconds }) }),
    pricing,
    metrics: createMetrics(),
    clock: systemClock,
    logger,
    recall: { limit: 5, minScore: 0.2 },
    historyTokenBudget: 4_000,
    events,
    tools: await createTestToolRuntime(tools),
    planEvents: createPlanEventPublisher({ db, events, logger }),
  };
  const tenant = await seedUser(db);
  const executors: PlanExecutor[] = [];

  return {
    database,
    llm,
    events,
    deps,
    tenant,
    warnings,
    createExecutor(settings = {}, options = {}) {
      const executor = createPlanExecutor(deps, { settings: { synthesisModel, ...settings }, ...options });
      executors.push(executor);
      return executor;
    },
    insertPlan: (tasks, { tenant: owner = tenant, request } = {}) => insertExecutingPlan(db, owner, tasks, { request }),
    scriptTasks(reply = (taskId) => ({ kind: "text", text: `output of ${taskId}` })) {
      const counts = new Map<string, number>();
      llm.handle((request) => {
        if (request.model === synthesisModel) return { kind: "text", text: synthesisReply };
        const taskId = testTaskOf(lastUserMessage(request)) ?? "";
        counts.set(taskId, (counts.get(taskId) ?? 0) + 1);
        return reply(taskId);
      });
      return counts;
    },
    async waitForEnd(planId) {
      return vi.waitFor(
        async () => {
          const plan = await db.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: { status: true, finalMessageId: true } });
          if (!(finalPlanStatuses as readonly string[]).includes(plan.status)) throw new Error(`plan still ${plan.status}`);
          return plan;
        },
        { timeout: 15_000, interval: 20 },
      );
    },
    async statusesOf(planId) {
      const rows = await db.taskPlanTask.findMany({ where: { planId }, select: { taskId: true, status: true } });
      return Object.fromEntries(rows.map((row) => [row.taskId, row.status]));
    },
    async close() {
      await Promise.all(executors.map((executor) => executor.close()));
      await events.close();
      await deleteKeysWithPrefix(redis, keyPrefix);
      await redis.quit();
      await llm.close();
      await database.drop();
    },
  };
}
