export interface RetryPolicy {
  /** Attempts in total, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A provider asking to wait longer than this is not retried: the call fails at once, naming the wait. */
  maxRetryAfterMs: number;
}

/**
 * Exponential backoff with "equal jitter": half of the capped exponential delay is fixed, half random,
 * so concurrent callers spread out yet never retry at once.
 */
export function backoffDelayMs(failedAttempts: number, policy: Pick<RetryPolicy, "baseDelayMs" | "maxDelayMs">, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** The wait a provider asked for: OpenAI's `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const milliseconds = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const retryAfter = headers?.get("retry-after");
  if (!retryAfter) return undefined;
  const seconds = Number(retryAfter.trim());
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
