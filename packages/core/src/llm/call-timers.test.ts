import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { pauseUnlessStopped, startAttemptScope, startCallScope } from "./call-timers.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("startCallScope", () => {
  it("stops at the total timeout and says so", () => {
    const call = startCallScope({ signal: undefined, totalMs: 100 });
    vi.advanceTimersByTime(99);
    expect(call.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(call.reason).toBe("total-timeout");
    call.dispose();
  });

  it("stops as cancelled when the caller aborts, even before it started", () => {
    const caller = new AbortController();
    const call = startCallScope({ signal: caller.signal, totalMs: 100 });
    caller.abort();
    expect(call.reason).toBe("cancelled");
    expect(startCallScope({ signal: caller.signal, totalMs: 100 }).reason).toBe("cancelled");
  });

  it("keeps the first reason", () => {
    const call = startCallScope({ signal: undefined, totalMs: 100 });
    call.stop("cancelled");
    vi.advanceTimersByTime(200);
    expect(call.reason).toBe("cancelled");
  });
});

describe("startAttemptScope", () => {
  const timeouts = { connectMs: 50, idleMs: 20 };

  it("fires the connect timer, then the idle timer once chunks flow", () => {
    const call = startCallScope({ signal: undefined, totalMs: 1_000 });
    const waiting = startAttemptScope(call, timeouts);
    waiting.awaitFirstByte();
    vi.advanceTimersByTime(50);
    expect(waiting.reason).toBe("connect-timeout");

    const streaming = startAttemptScope(call, timeouts);
    streaming.awaitFirstByte();
    vi.advanceTimersByTime(40);
    streaming.chunkReceived();
    vi.advanceTimersByTime(15);
    streaming.chunkReceived();
    vi.advanceTimersByTime(15);
    expect(streaming.reason).toBeUndefined();
    vi.advanceTimersByTime(5);
    expect(streaming.reason).toBe("idle-timeout");
  });

  it("stops with its call's reason", () => {
    const call = startCallScope({ signal: undefined, totalMs: 100 });
    const attempt = startAttemptScope(call, timeouts);
    vi.advanceTimersByTime(100);
    expect(attempt.reason).toBe("total-timeout");
  });

  it("arms nothing after dispose", () => {
    const call = startCallScope({ signal: undefined, totalMs: 1_000 });
    const attempt = startAttemptScope(call, timeouts);
    attempt.awaitFirstByte();
    attempt.dispose();
    vi.advanceTimersByTime(100);
    expect(attempt.reason).toBeUndefined();
  });
});

describe("pauseUnlessStopped", () => {
  it("ends early when the signal aborts", async () => {
    const controller = new AbortController();
    const paused = pauseUnlessStopped(10_000, controller.signal);
    controller.abort();
    await expect(paused).resolves.toBeUndefined();
  });

  it("waits the full time otherwise", async () => {
    let done = false;
    const paused = pauseUnlessStopped(100, undefined).then(() => (done = true));
    vi.advanceTimersByTime(99);
    await Promise.resolve();
    expect(done).toBe(false);
    vi.advanceTimersByTime(1);
    await paused;
    expect(done).toBe(true);
  });
});
