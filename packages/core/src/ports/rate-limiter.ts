export interface RateLimitDecision {
  allowed: boolean;
  /** Seconds until the window that refused this hit ends; 0 when allowed. */
  retryAfterSeconds: number;
}

/** Fixed-window counter: at most `limit` hits per key per window. */
export interface RateLimiter {
  hit(key: string): Promise<RateLimitDecision>;
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}
