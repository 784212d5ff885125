import { afterEach, describe, expect, it, vi } from "vitest";
import { withTabLock } from "./with-tab-lock.js";

/** A lock manager that grants each request in turn, like one browser shared by several tabs. */
function queueingLocks() {
  let tail: Promise<unknown> = Promise.resolve();
  const events: string[] = [];
  const locks = {
    request: (name: string, callback: () => Promise<unknown>) => {
      const granted = tail.then(() => {
        events.push(`granted ${name}`);
        return callback();
      });
      tail = granted.catch(() => undefined).then(() => events.push(`released ${name}`));
      return granted;
    },
  } as unknown as Pick<LockManager, "request">;
  return { locks, events };
}

describe("withTabLock", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs tasks one after another while each holds the lock", async () => {
    const { locks, events } = queueingLocks();
    const task = (label: string) => async () => {
      events.push(`start ${label}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${label}`);
      return label;
    };

    const results = await Promise.all([withTabLock("renewal", task("a"), { locks }), withTabLock("renewal", task("b"), { locks })]);

    expect(results).toEqual(["a", "b"]);
    expect(events.slice(0, 7)).toEqual([
      "granted renewal",
      "start a",
      "end a",
      "released renewal",
      "granted renewal",
      "start b",
      "end b",
    ]);
  });

  it("passes the task's failure on", async () => {
    const { locks } = queueingLocks();
    await expect(withTabLock("renewal", () => Promise.reject(new Error("offline")), { locks })).rejects.toThrow("offline");
  });

  it("runs the task anyway, once, when the lock is not granted in time", async () => {
    vi.useFakeTimers();
    let grant: (() => void) | undefined;
    const stuckLocks = {
      request: (_name: string, callback: () => Promise<unknown>) =>
        new Promise((resolve) => (grant = () => resolve(callback()))),
    } as unknown as Pick<LockManager, "request">;
    let runs = 0;

    const result = withTabLock("renewal", () => Promise.resolve(++runs), { locks: stuckLocks, waitLimitMs: 1_000 });
    await vi.advanceTimersByTimeAsync(1_000);
    grant?.();

    await expect(result).resolves.toBe(1);
    expect(runs).toBe(1);
  });

  it("runs the task directly where the browser has no Web Locks", async () => {
    await expect(withTabLock("renewal", () => Promise.resolve("done"), { locks: null })).resolves.toBe("done");
  });
});
