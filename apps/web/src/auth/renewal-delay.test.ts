import { describe, expect, it } from "vitest";
import { maxTimerDelayMs, minimumRenewalDelayMs, renewalDelayMs } from "./renewal-delay.js";

describe("renewalDelayMs", () => {
  it("renews an hour-long token one minute before it expires", () => {
    expect(renewalDelayMs(3600)).toBe(59 * 60 * 1000);
  });

  it("renews a short-lived token at 80 % of its lifetime", () => {
    expect(renewalDelayMs(60)).toBe(48_000);
    expect(renewalDelayMs(10)).toBe(8_000);
  });

  it("waits at least the minimum delay for an expired or instant token", () => {
    expect(renewalDelayMs(0)).toBe(minimumRenewalDelayMs);
    expect(renewalDelayMs(-30)).toBe(minimumRenewalDelayMs);
  });

  it("caps very long lifetimes at what setTimeout can hold", () => {
    expect(renewalDelayMs(365 * 24 * 3600)).toBe(maxTimerDelayMs);
  });
});
