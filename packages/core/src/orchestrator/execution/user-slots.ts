/** Hands back a slot; calling it again does nothing. */
export type ReleaseSlot = () => void;

/** At most `limit` holders per key at once; the rest wait in arrival order. */
export interface KeyedSlots {
  /** Resolves with a release once a slot is free; rejects with the signal's reason if it aborts first. */
  acquire(key: string, signal?: AbortSignal): Promise<ReleaseSlot>;
}

interface Waiter {
  grant(): void;
}

interface KeyState {
  held: number;
  waiters: Waiter[];
}

export function createKeyedSlots(limit: number): KeyedSlots {
  const keys = new Map<string, KeyState>();

  function releaser(key: string, state: KeyState): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = state.waiters.shift();
      // The slot passes straight to the next waiter, so a newcomer can never overtake it.
      if (next) return next.grant();
      state.held -= 1;
      if (state.held === 0) keys.delete(key);
    };
  }

  return {
    acquire(key, signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      const state = keys.get(key) ?? { held: 0, waiters: [] };
      keys.set(key, state);
      if (state.held < limit) {
        state.held += 1;
        return Promise.resolve(releaser(key, state));
      }
      return new Promise<ReleaseSlot>((resolve, reject) => {
        const onAbort = () => {
          state.waiters.splice(state.waiters.indexOf(waiter), 1);
          reject(signal?.reason as Error);
        };
        const waiter: Waiter = {
          grant() {
            signal?.removeEventListener("abort", onAbort);
            resolve(releaser(key, state));
          },
        };
        state.waiters.push(waiter);
        signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
  };
}
