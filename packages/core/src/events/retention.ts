/**
 * An event is dropped only when it is both older than `minAgeMilliseconds` and not among the
 * session's last `minEvents`: whichever keeps more wins. A session nobody publishes to for
 * `idleExpiryMilliseconds` is dropped whole, so abandoned sessions do not hold memory forever.
 */
export interface RetentionOptions {
  minEvents: number;
  minAgeMilliseconds: number;
  idleExpiryMilliseconds: number;
}

export const defaultRetention: RetentionOptions = {
  minEvents: 1_000,
  minAgeMilliseconds: 24 * 60 * 60 * 1000,
  idleExpiryMilliseconds: 7 * 24 * 60 * 60 * 1000,
};
