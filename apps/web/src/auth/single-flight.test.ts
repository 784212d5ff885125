import { describe, expect, it } from "vitest";
import { singleFlight } from "./single-flight.js";

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

describe("singleFlight", () => {
  it("shares one run between concurrent callers", async () => {
    const pending = deferred<string>();
    let runs = 0;
    const run = singleFlight(() => {
      runs += 1;
      return pending.promise;
    });

    const first = run();
    const second = run();
    pending.resolve("token");

    await expect(Promise.all([first, second])).resolves.toEqual(["token", "token"]);
    expect(runs).toBe(1);
  });

  it("starts a fresh run once the previous one has settled, even after a failure", async () => {
    const outcomes = [() => Promise.reject(new Error("offline")), () => Promise.resolve("token")];
    let runs = 0;
    const run = singleFlight(() => outcomes[runs++]?.() ?? Promise.reject(new Error("unexpected run")));

    await expect(run()).rejects.toThrow("offline");
    await expect(run()).resolves.toBe("token");
    expect(runs).toBe(2);
  });
});
