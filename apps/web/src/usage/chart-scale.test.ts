import { describe, expect, it } from "vitest";
import { axisTicks, decimalsFor, niceCeiling } from "./chart-scale.js";

describe("niceCeiling", () => {
  it("rounds the top of the axis up to a readable number", () => {
    expect(niceCeiling(0.0437)).toBeCloseTo(0.05);
    expect(niceCeiling(1_730)).toBe(2_000);
    expect(niceCeiling(2_000)).toBe(2_000);
    expect(niceCeiling(0.21)).toBeCloseTo(0.25);
  });

  it("gives an empty chart an axis", () => {
    expect(niceCeiling(0)).toBe(1);
  });
});

describe("axisTicks", () => {
  it("spaces ticks by a round step", () => {
    const rounded = (maximum: number) => axisTicks(maximum).map((tick) => Number(tick.toPrecision(6)));
    expect(rounded(0.00036)).toEqual([0, 0.0001, 0.0002, 0.0003, 0.0004, 0.0005]);
    expect(rounded(1_730)).toEqual([0, 500, 1_000, 1_500, 2_000]);
    expect(rounded(0.2)).toEqual([0, 0.05, 0.1, 0.15, 0.2]);
  });
});

describe("decimalsFor", () => {
  it("shows cents, or as many places as a fraction of a cent needs", () => {
    expect(decimalsFor(0.5)).toBe(2);
    expect(decimalsFor(0.05)).toBe(2);
    expect(decimalsFor(0.0001)).toBe(4);
    expect(decimalsFor(0.00005)).toBe(5);
  });
});
