import { AppError } from "@codelab/core";

export interface StreamLimiter {
  /**
   * Counts one more open stream for the user, or refuses with RATE_LIMITED when the user already
   * holds the maximum. Returns the release, to call when the stream closes (later calls do nothing).
   */
  acquire(userId: string): () => void;
  /** Streams open on this instance, all users together. */
  openStreams(): number;
}

/** A stream that closes frees its place at once; this only tells clients not to retry in a tight loop. */
const retryAfterSeconds = 5;

/**
 * Counts per process, across both transports (tRPC subscriptions and REST SSE). Behind a load
 * balancer a user may hold the maximum on each instance: it bounds what one user can pin on one
 * server, which is what the limit protects.
 */
export function createStreamLimiter({ maxStreamsPerUser }: { maxStreamsPerUser: number }): StreamLimiter {
  const openByUser = new Map<string, number>();
  let total = 0;

  return {
    acquire(userId) {
      const open = openByUser.get(userId) ?? 0;
      if (open >= maxStreamsPerUser) {
        throw new AppError("RATE_LIMITED", `At most ${maxStreamsPerUser} event streams may be open at once`, {
          details: { reason: "too_many_streams", limit: maxStreamsPerUser, retryAfterSeconds },
        });
      }
      openByUser.set(userId, open + 1);
      total += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        total -= 1;
        const remaining = (openByUser.get(userId) ?? 1) - 1;
        if (remaining === 0) openByUser.delete(userId);
        else openByUser.set(userId, remaining);
      };
    },
    openStreams: () => total,
  };
}
