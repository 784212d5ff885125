import { describe, expect, it } from "vitest";
import { formatCost, formatDuration, formatTokens } from "./format-usage.js";

describe("formatCost", () => {
  it("keeps fractions of a cent visible", () => {
    expect(formatCost(0.00042)).toBe("$0.0004");
    expect(formatCost(0.00000042)).toBe("<$0.0001");
    expect(formatCost(0)).toBe("$0.00");
    expect(formatCost(12.345)).toBe("$12.35");
  });
});

describe("formatTokens", () => {
  it("groups thousands and agrees in number", () => {
    expect(formatTokens(1)).toBe("1 token");
    expect(formatTokens(12_345)).toBe("12,345 tokens");
  });
});

describe("formatDuration", () => {
  it("picks a readable unit", () => {
    expect(formatDuration(420)).toBe("420 ms");
    expect(formatDuration(2_345)).toBe("2.3 s");
    expect(formatDuration(42_000)).toBe("42 s");
    expect(formatDuration(125_000)).toBe("2 min 5 s");
  });
});
