import { createStreamLimiter, type StreamLimiter } from "./stream-limiter.js";

/** How long-lived event streams are bounded; one instance is shared by both transports. */
export interface EventStreamPolicy {
  limiter: StreamLimiter;
  /**
   * A stream is ended after this long and the client reconnects and resumes: it bounds how long
   * a revoked token keeps a stream open and spreads long-lived clients over instances again.
   */
  maxDurationMilliseconds: number;
}

export interface EventStreamSettings {
  maxStreamsPerUser: number;
  maxDurationMilliseconds: number;
}

/** Heartbeat on idle streams, for both transports (REST SSE's is configurable for tests). */
export const streamPingMilliseconds = 15_000;

export const defaultEventStreamSettings: EventStreamSettings = {
  maxStreamsPerUser: 10,
  maxDurationMilliseconds: 30 * 60 * 1000,
};

export function createEventStreamPolicy(settings: Partial<EventStreamSettings> = {}): EventStreamPolicy {
  const { maxStreamsPerUser, maxDurationMilliseconds } = { ...defaultEventStreamSettings, ...settings };
  return { limiter: createStreamLimiter({ maxStreamsPerUser }), maxDurationMilliseconds };
}
