import type { Redis } from "ioredis";
import type { RateLimiter, RateLimitRule } from "./rate-limiter.js";

// INCR and the first EXPIRE in one script, so a crash between them cannot leave a key without TTL.
const hitScript = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('TTL', KEYS[1])}`;

/** Rate limiter shared by every server instance that uses the same Redis. */
export function createRedisRateLimiter(redis: Redis, rule: RateLimitRule, keyPrefix: string): RateLimiter {
  return {
    async hit(key) {
      const [count, ttl] = (await redis.eval(hitScript, 1, `${keyPrefix}${key}`, rule.windowSeconds)) as [number, number];
      const allowed = count <= rule.limit;
      return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, ttl) };
    },
  };
}
