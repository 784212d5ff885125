/** How long to wait for a lock before running anyway: a browser whose lock manager never answers must not hang sign-in. */
export const lockWaitLimitMs = 5_000;

type Locks = Pick<LockManager, "request">;

function browserLocks(): Locks | null {
  // The Web Locks API exists only in secure contexts (https or localhost).
  return typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : null;
}

/**
 * Runs `task` while holding a lock shared by every tab of this origin. Tabs share the refresh
 * cookie, so renewals from two tabs must take turns: the second then presents the cookie the
 * first one received instead of the one it just used up.
 */
export function withTabLock<T>(
  name: string,
  task: () => Promise<T>,
  { locks = browserLocks(), waitLimitMs = lockWaitLimitMs }: { locks?: Locks | null; waitLimitMs?: number } = {},
): Promise<T> {
  if (!locks) return task();
  return new Promise<T>((resolve, reject) => {
    let run: Promise<T> | undefined;
    // Whichever comes first (the lock, the wait limit, or a lock failure) starts the one run;
    // returning it from the lock callback holds the lock until the task settles.
    const start = () => {
      clearTimeout(fallback);
      run ??= task();
      run.then(resolve, reject);
      return run;
    };
    const fallback = setTimeout(() => void start(), waitLimitMs);
    locks.request(name, start).catch(() => void start());
  });
}
