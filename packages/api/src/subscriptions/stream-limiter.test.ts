import { describe, expect, it } from "vitest";
import { isAppError } from "@codelab/core";
import { createStreamLimiter } from "./stream-limiter.js";

function refusal(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("the stream was admitted");
}

describe("stream limiter", () => {
  it("admits up to the maximum per user, then refuses with RATE_LIMITED and a retry hint", () => {
    const limiter = createStreamLimiter({ maxStreamsPerUser: 2 });
    limiter.acquire("alice");
    limiter.acquire("alice");

    const error = refusal(() => limiter.acquire("alice"));
    expect(isAppError(error) && error.code).toBe("RATE_LIMITED");
    expect(isAppError(error) && error.details).toMatchObject({ reason: "too_many_streams", limit: 2, retryAfterSeconds: expect.any(Number) });
    expect(limiter.openStreams()).toBe(2);
  });

  it("counts each user on their own", () => {
    const limiter = createStreamLimiter({ maxStreamsPerUser: 1 });
    limiter.acquire("alice");
    expect(() => limiter.acquire("bob")).not.toThrow();
    expect(limiter.openStreams()).toBe(2);
  });

  it("frees a place on release, and a second release of the same stream frees nothing more", () => {
    const limiter = createStreamLimiter({ maxStreamsPerUser: 2 });
    const release = limiter.acquire("alice");
    limiter.acquire("alice");
    release();
    release();
    limiter.acquire("alice");

    expect(limiter.openStreams()).toBe(2);
    expect(() => limiter.acquire("alice")).toThrow();
  });
});
