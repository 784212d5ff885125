import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import {
  createLocalEmbedder,
  createMetrics,
  createPlanEventPublisher,
  createPlanExecutor,
  createPostgresMemoryStore,
  createPricing,
  createRedisEventBus,
  loadPricingTable,
  systemClock,
  type EventScope,
  type ExecutionDependencies,
  type LlmClient,
} from "@codelab/core";
import { createTestToolRuntime, deleteKeysWithPrefix, insertExecutingPlan, seedUser } from "@codelab/core/testing";
import { createTestDatabase } from "@codelab/db/testing";
import type { PlanShape } from "./plan-shapes.js";
import type { PlanRunner } from "./plan-runner.js";
import { benchModel } from "./task-call.js";

export interface EngineRunner extends PlanRunner {
  close(): Promise<void>;
}

const redisUrl = "redis://127.0.0.1:6379";

/**
 * CodeLab's execution engine wired as the server wires it: PostgreSQL (every transition and
 * result persisted with its outbox event), the Redis event bus, agent memory on. A run ends when
 * its `plan-end` event reaches a subscriber of the session, as a client would see it.
 */
export async function startEngineRunner(llm: LlmClient, { maxParallelTasksPerPlan }: { maxParallelTasksPerPlan: number }): Promise<EngineRunner> {
  const database = await createTestDatabase();
  const { db } = database;
  const redis = new Redis(redisUrl);
  const logger = { warn: (message: string, fields?: Record<string, unknown>) => process.stderr.write(`  engine warning: ${message} ${JSON.stringify(fields ?? {})}\n`) };
  const keyPrefix = `codelab-bench:${randomUUID()}:`;
  const events = createRedisEventBus({ redis, keyPrefix, onError: (error) => logger.warn(error.message) });
  const embedder = createLocalEmbedder();
  const deps: ExecutionDependencies = {
    db,
    llm,
    embedder,
    memory: createPostgresMemoryStore({ db, embedder }),
    pricing: createPricing({ table: await loadPricingTable() }),
    metrics: createMetrics(),
    clock: systemClock,
    logger,
    recall: { limit: 5, minScore: 0.2 },
    historyTokenBudget: 4_000,
    events,
    tools: await createTestToolRuntime(),
    planEvents: createPlanEventPublisher({ db, events, logger }),
  };
  const executor = createPlanExecutor(deps, { settings: { synthesisModel: benchModel, maxParallelTasksPerPlan, maxParallelTasksPerUser: 4 * maxParallelTasksPerPlan } });
  const tenant = await seedUser(db);
  const agentNames = tenant.agents.map((agent) => agent.name);
  // Every agent answers with the same model, so the latency statistics stay one row.
  for (const agent of tenant.agents) await db.userAgent.update({ where: { id: agent.id }, data: { config: { ...agent.config, model: benchModel } } });

  const scope: EventScope = { userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id };
  const subscription = await events.subscribe(scope);
  const waiting = new Map<string, (status: string) => void>();
  const listening = (async () => {
    for await (const event of subscription) {
      if (event.type === "plan-end" && event.planId) waiting.get(event.planId)?.(event.payload.status);
    }
  })();

  return {
    name: "CodeLab engine",
    async prepare(plan: PlanShape) {
      const planId = await insertExecutingPlan(
        db,
        tenant,
        plan.tasks.map((task, index) => ({ ...task, agent: agentNames[index % agentNames.length] })),
        { request: plan.name },
      );
      return async () => {
        const ended = new Promise<string>((resolve) => waiting.set(planId, resolve));
        executor.start({ planId, userId: tenant.user.id });
        const status = await ended;
        waiting.delete(planId);
        if (status !== "completed") throw new Error(`the engine ended a ${plan.name} plan ${status}`);
      };
    },
    async close() {
      await executor.close();
      subscription.close();
      await listening;
      await events.close();
      await deleteKeysWithPrefix(redis, keyPrefix);
      await redis.quit();
      await database.drop();
    },
  };
}
