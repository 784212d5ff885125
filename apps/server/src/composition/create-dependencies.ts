import { createEventStreamPolicy, type ApiDependencies } from "@codelab/api";
import {
  createMemoryEventBus,
  createMemoryPlanCache,
  createMemoryRateLimiter,
  createMetrics,
  createPlanEventPublisher,
  createPlanExecutor,
  createPostgresMemoryStore,
  createQdrantMemoryStore,
  createRedisEventBus,
  createRedisPlanCache,
  createRedisRateLimiter,
  createBubblewrapSandbox,
  createLocalWorkspaces,
  createStandardTools,
  createToolRegistry,
  createTokenService,
  rememberSuccessfulPlan,
  systemClock,
  type ChatDependencies,
  type ClosableEventBus,
  type Clock,
  type PlanExecutor,
  type RateLimitRule,
  type Sandbox,
} from "@codelab/core";
import type { Config } from "../config/config.js";
import type { Logger } from "../logging/logger.js";
import type { Backends } from "./backends.js";
import type { ModelProviders } from "./create-model-providers.js";

export interface CreateDependenciesOptions {
  config: Config;
  backends: Pick<Backends, "db" | "redis">;
  providers: ModelProviders;
  jwtSecret: string;
  logger: Logger;
  clock?: Clock;
}

export interface Dependencies {
  deps: ApiDependencies;
  events: ClosableEventBus;
  /** The server recovers executing plans with it after start-up and closes it on shutdown. */
  planExecutor: PlanExecutor;
  /** For the start-up banner. */
  description: { memory: string };
  /** Whether agents' code can run here (bubblewrap present and working), for the start-up banner. */
  sandbox: Sandbox;
}

/** Wires the ports to their implementations: Redis-backed where Redis is configured, in-process otherwise. */
export function createDependencies({ config, backends, providers, jwtSecret, logger, clock = systemClock }: CreateDependenciesOptions): Dependencies {
  const { db, redis } = backends;
  const rateLimiter = (rule: RateLimitRule, name: string) =>
    redis ? createRedisRateLimiter(redis, rule, `${config.REDIS_KEY_PREFIX}ratelimit:${name}:`) : createMemoryRateLimiter(rule, clock);
  const events = redis
    ? createRedisEventBus({
        redis,
        keyPrefix: config.REDIS_KEY_PREFIX,
        clock,
        onError: (error) => logger.warn("event bus connection error", { error: error.message }),
      })
    : createMemoryEventBus({ clock });
  const memory = config.QDRANT_URL
    ? createQdrantMemoryStore({ url: config.QDRANT_URL, embedder: providers.embedder, clock })
    : createPostgresMemoryStore({ db, embedder: providers.embedder, clock });
  const workspaces = createLocalWorkspaces({
    root: config.workspaceRoot,
    maxFileBytes: config.WORKSPACE_MAX_FILE_BYTES,
    maxWorkspaceBytes: config.WORKSPACE_MAX_BYTES,
  });
  const sandbox = createBubblewrapSandbox({
    bubblewrapPath: config.SANDBOX_BWRAP_PATH,
    interpreters: { python: config.SANDBOX_PYTHON, javascript: config.SANDBOX_NODE ?? process.execPath },
    limits: { wallTimeMilliseconds: config.SANDBOX_WALL_TIME_MS, memoryBytes: config.SANDBOX_MEMORY_MB * 1024 * 1024 },
    maxConcurrentRuns: config.SANDBOX_MAX_CONCURRENT,
  });
  const chat: ChatDependencies = {
    db,
    clock,
    logger,
    events,
    memory,
    llm: providers.llm,
    embedder: providers.embedder,
    pricing: providers.pricing,
    metrics: createMetrics(),
    recall: { limit: 5, minScore: config.MEMORY_MIN_SCORE },
    historyTokenBudget: config.HISTORY_TOKEN_BUDGET,
    tools: {
      registry: createToolRegistry(createStandardTools({ sandbox })),
      workspaces,
      limits: { maxRounds: config.TOOL_MAX_ROUNDS, maxTotalMilliseconds: config.TOOL_MAX_TOTAL_MS },
      approvalTimeoutSeconds: config.APPROVAL_TIMEOUT_SECONDS,
    },
  };
  const planEvents = createPlanEventPublisher({ db, events, logger });
  const planCache = redis ? createRedisPlanCache({ redis, keyPrefix: config.REDIS_KEY_PREFIX }) : createMemoryPlanCache({ clock });
  const planExecutor = createPlanExecutor(
    { ...chat, planEvents },
    {
      settings: {
        synthesisModel: config.OPENAI_MODEL,
        maxParallelTasksPerPlan: config.PLAN_MAX_PARALLEL_TASKS,
        maxParallelTasksPerUser: config.USER_MAX_PARALLEL_TASKS,
      },
      onPlanCompleted: (plan) => rememberSuccessfulPlan({ db, planCache }, plan),
    },
  );
  const deps: ApiDependencies = {
    ...chat,
    planEvents,
    planCache,
    planExecutor,
    orchestrator: {
      plannerModel: config.OPENAI_MODEL,
      approvalTimeoutSeconds: config.APPROVAL_TIMEOUT_SECONDS,
    },
    defaultModel: config.OPENAI_MODEL,
    streams: createEventStreamPolicy({
      maxStreamsPerUser: config.EVENT_STREAMS_PER_USER,
      maxDurationMilliseconds: config.EVENT_STREAM_MAX_DURATION_MS,
    }),
    tokens: createTokenService({
      secret: jwtSecret,
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      clock,
    }),
    loginRateLimiters: {
      perEmail: rateLimiter({ limit: config.LOGIN_ATTEMPTS_PER_EMAIL, windowSeconds: config.LOGIN_WINDOW_SECONDS }, "login-email"),
      perIp: rateLimiter({ limit: config.LOGIN_ATTEMPTS_PER_IP, windowSeconds: config.LOGIN_WINDOW_SECONDS }, "login-ip"),
    },
  };
  return {
    deps,
    events,
    planExecutor,
    sandbox,
    description: { memory: config.QDRANT_URL ? `Qdrant at ${config.QDRANT_URL}` : "embedded (PostgreSQL, exact search)" },
  };
}
