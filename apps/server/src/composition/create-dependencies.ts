import type { ApiDependencies } from "@codelab/api";
import {
  createMemoryEventBus,
  createMemoryRateLimiter,
  createMetrics,
  createPostgresMemoryStore,
  createQdrantMemoryStore,
  createRedisEventBus,
  createRedisRateLimiter,
  createTokenService,
  systemClock,
  type ClosableEventBus,
  type Clock,
  type RateLimitRule,
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
  /** For the start-up banner. */
  description: { memory: string };
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
  const deps: ApiDependencies = {
    db,
    clock,
    logger,
    events,
    memory,
    llm: providers.llm,
    embedder: providers.embedder,
    pricing: providers.pricing,
    metrics: createMetrics(),
    defaultModel: config.OPENAI_MODEL,
    recall: { limit: 5, minScore: config.MEMORY_MIN_SCORE },
    historyTokenBudget: config.HISTORY_TOKEN_BUDGET,
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
    description: { memory: config.QDRANT_URL ? `Qdrant at ${config.QDRANT_URL}` : "embedded (PostgreSQL, exact search)" },
  };
}
