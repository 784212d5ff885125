import { describe, expect, it } from "vitest";
import { backoffDelayMs, retryAfterMs } from "./retry-delay.js";

const policy = { baseDelayMs: 100, maxDelayMs: 1000 };

describe("backoffDelayMs", () => {
  it("doubles the ceiling per failed attempt, between half and all of it", () => {
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 0)).toBe(200);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
  });

  it("never exceeds the maximum delay", () => {
    expect(backoffDelayMs(20, policy, () => 1)).toBe(1000);
  });
});

describe("retryAfterMs", () => {
  it("reads Retry-After in seconds", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }))).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "0.5" }))).toBe(500);
  });

  it("prefers OpenAI's retry-after-ms", () => {
    expect(retryAfterMs(new Headers({ "retry-after-ms": "250", "retry-after": "9" }))).toBe(250);
  });

  it("reads Retry-After as an HTTP date", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs(new Headers({ "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" }), now)).toBe(3000);
  });

  it("is undefined without a usable header", () => {
    expect(retryAfterMs(new Headers())).toBeUndefined();
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterMs(undefined)).toBeUndefined();
  });
});
