export interface ConcurrencyLimit {
  /** Waits for a free place; `undefined` when `signal` aborts first. Call the answer to give the place back. */
  acquire(signal?: AbortSignal): Promise<(() => void) | undefined>;
}

/** At most `maxConcurrent` holders at once; the others wait in arrival order. */
export function createConcurrencyLimit(maxConcurrent: number): ConcurrencyLimit {
  let active = 0;
  const waiting: Array<() => void> = [];

  function release(): void {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  }

  function once(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      release();
    };
  }

  return {
    acquire(signal) {
      if (signal?.aborted) return Promise.resolve(undefined);
      if (active < maxConcurrent) {
        active += 1;
        return Promise.resolve(once());
      }
      return new Promise((resolve) => {
        // The place is handed over directly: `active` stays the same when a waiter takes it.
        const grant = () => {
          signal?.removeEventListener("abort", abandon);
          resolve(once());
        };
        const abandon = () => {
          const index = waiting.indexOf(grant);
          if (index !== -1) waiting.splice(index, 1);
          resolve(undefined);
        };
        waiting.push(grant);
        signal?.addEventListener("abort", abandon, { once: true });
      });
    },
  };
}
