/**
 * Wraps an async task so concurrent callers share one run. Refresh tokens rotate and a reused one
 * revokes the whole sign-in, so two overlapping renewals must never both reach the server.
 */
export function singleFlight<T>(task: () => Promise<T>): () => Promise<T> {
  let inFlight: Promise<T> | undefined;
  return () => {
    inFlight ??= task().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
