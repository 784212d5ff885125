import { describe, expect, it } from "vitest";
import { formatCountdown } from "./countdown.js";

describe("formatCountdown", () => {
  it("shows minutes and zero-padded seconds, rounding up", () => {
    expect(formatCountdown(245_000)).toBe("4:05");
    expect(formatCountdown(59_001)).toBe("1:00");
    expect(formatCountdown(900)).toBe("0:01");
  });

  it("stops at zero", () => {
    expect(formatCountdown(-5_000)).toBe("0:00");
  });
});
