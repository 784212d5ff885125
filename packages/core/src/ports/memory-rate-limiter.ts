import { type Clock, systemClock } from "./clock.js";
import type { RateLimiter, RateLimitRule } from "./rate-limiter.js";

/** In-process rate limiter for a single server without Redis. */
export function createMemoryRateLimiter(rule: RateLimitRule, clock: Clock = systemClock): RateLimiter {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return {
    hit(key) {
      const now = clock.now().getTime();
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        if (windows.size > 100_000) windows.clear();
        window = { count: 0, endsAt: now + rule.windowSeconds * 1000 };
        windows.set(key, window);
      }
      window.count += 1;
      const allowed = window.count <= rule.limit;
      const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((window.endsAt - now) / 1000));
      return Promise.resolve({ allowed, retryAfterSeconds });
    },
  };
}
