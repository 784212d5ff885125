import { describe, expect, it } from "vitest";
import { formatTicks, formatValue } from "./format-tick.js";

describe("formatTicks", () => {
  it("shows as many decimals as the step needs", () => {
    expect(formatTicks([0, 0.5, 1, 1.5], 0.5)).toEqual(["0.0", "0.5", "1.0", "1.5"]);
    expect(formatTicks([0, 20, 40], 20)).toEqual(["0", "20", "40"]);
  });

  it("groups thousands and shortens large round values", () => {
    expect(formatTicks([0, 500, 1000, 1500], 500)).toEqual(["0", "500", "1,000", "1,500"]);
    expect(formatTicks([0, 2_000_000, 4_000_000], 2_000_000)).toEqual(["0", "2M", "4M"]);
    expect(formatTicks([10_000, 12_000], 2000)).toEqual(["10K", "12K"]);
  });

  it("falls back to the full form when shortened labels would collide", () => {
    expect(formatTicks([1_234_567_000, 1_234_568_000], 1000)).toEqual(["1,234,567,000", "1,234,568,000"]);
  });

  it("uses scientific notation for tiny steps and huge values", () => {
    expect(formatTicks([0, 2e-9, 4e-9], 2e-9)).toEqual(["0", "2e-9", "4e-9"]);
    expect(formatTicks([1e20, 2e20], 1e20)).toEqual(["1e+20", "2e+20"]);
  });
});

describe("formatValue", () => {
  it("drops floating-point noise", () => {
    expect(formatValue(0.1 + 0.2)).toBe("0.3");
    expect(formatValue(-12.5)).toBe("-12.5");
  });
});
