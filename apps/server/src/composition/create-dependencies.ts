import type { ApiDependencies } from "@codelab/api";
import {
  createMemoryRateLimiter,
  createMetrics,
  createRedisRateLimiter,
  createTokenService,
  systemClock,
  type Clock,
  type RateLimitRule,
} from "@codelab/core";
import type { Config } from "../config/config.js";
import type { Backends } from "./backends.js";

export interface CreateDependenciesOptions {
  config: Config;
  backends: Pick<Backends, "db" | "redis">;
  jwtSecret: string;
  clock?: Clock;
}

/** Wires the ports to their implementations: Redis-backed where Redis is configured, in-process otherwise. */
export function createDependencies({ config, backends, jwtSecret, clock = systemClock }: CreateDependenciesOptions): ApiDependencies {
  const { db, redis } = backends;
  const rateLimiter = (rule: RateLimitRule, name: string) =>
    redis ? createRedisRateLimiter(redis, rule, `${config.REDIS_KEY_PREFIX}ratelimit:${name}:`) : createMemoryRateLimiter(rule, clock);
  return {
    db,
    clock,
    metrics: createMetrics(),
    defaultModel: config.OPENAI_MODEL,
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
}
