import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createDeltaCoalescer } from "./delta-coalescer.js";

describe("createDeltaCoalescer", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function recorder() {
    const emitted: Array<{ text: string; at: number }> = [];
    const emit = (text: string) => {
      emitted.push({ text, at: Date.now() });
      return Promise.resolve();
    };
    return { emitted, emit };
  }

  it("emits the first delta at once and batches the rest per interval", async () => {
    const { emitted, emit } = recorder();
    const start = Date.now();
    const coalescer = createDeltaCoalescer(emit, { intervalMilliseconds: 50 });
    // 200 tokens per second for one second: 200 deltas.
    for (let token = 0; token < 200; token += 1) {
      coalescer.push(`t${token} `);
      await vi.advanceTimersByTimeAsync(5);
    }
    await coalescer.flush();

    expect(emitted[0]).toEqual({ text: "t0 ", at: start });
    expect(emitted.length).toBeLessThanOrEqual(1 + 1000 / 50 + 1);
    expect(emitted.map((emission) => emission.text).join("")).toBe(
      Array.from({ length: 200 }, (_, token) => `t${token} `).join(""),
    );
    const gaps = emitted.slice(1).map((emission, index) => emission.at - (emitted[index] as { at: number }).at);
    expect(gaps.slice(0, -1).every((gap) => gap >= 50)).toBe(true);
  });

  it("flush emits the buffered remainder immediately, before the interval ends", async () => {
    const { emitted, emit } = recorder();
    const coalescer = createDeltaCoalescer(emit, { intervalMilliseconds: 50 });
    coalescer.push("Hel");
    coalescer.push("lo");
    coalescer.push(", world");
    await coalescer.flush();

    expect(emitted.map((emission) => emission.text)).toEqual(["Hel", "lo, world"]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("emits again at once after a quiet interval", async () => {
    const { emitted, emit } = recorder();
    const coalescer = createDeltaCoalescer(emit, { intervalMilliseconds: 50 });
    coalescer.push("a");
    await vi.advanceTimersByTimeAsync(200);
    coalescer.push("b");
    await vi.advanceTimersByTimeAsync(0);

    expect(emitted.map((emission) => emission.text)).toEqual(["a", "b"]);
    await coalescer.flush();
  });

  it("runs emissions one at a time, in order, even when an emit is slow", async () => {
    const order: string[] = [];
    let active = 0;
    let maxActive = 0;
    const coalescer = createDeltaCoalescer(async (text) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      await new Promise((resolve) => setTimeout(resolve, 80));
      order.push(text);
      active -= 1;
    });
    coalescer.push("one");
    await vi.advanceTimersByTimeAsync(60);
    coalescer.push("two");
    await vi.advanceTimersByTimeAsync(60);
    coalescer.push("three");
    const flushed = coalescer.flush();
    await vi.runAllTimersAsync();
    await flushed;

    expect(order).toEqual(["one", "two", "three"]);
    expect(maxActive).toBe(1);
  });

  it("flush rejects with the first emit failure and later text is not emitted out of order", async () => {
    const emitted: string[] = [];
    const coalescer = createDeltaCoalescer((text) => {
      if (text === "bad") return Promise.reject(new Error("bus unavailable"));
      emitted.push(text);
      return Promise.resolve();
    });
    coalescer.push("bad");
    await vi.advanceTimersByTimeAsync(60);
    coalescer.push("after");

    await expect(coalescer.flush()).rejects.toThrow("bus unavailable");
    expect(emitted).toEqual([]);
  });
});
