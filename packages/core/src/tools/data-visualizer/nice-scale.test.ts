import { describe, expect, it } from "vitest";
import { niceScale } from "./nice-scale.js";

describe("niceScale", () => {
  it("widens a range to round ticks", () => {
    expect(niceScale(3.7, 38.5)).toEqual({ min: 0, max: 40, step: 5, ticks: [0, 5, 10, 15, 20, 25, 30, 35, 40] });
    expect(niceScale(0, 97)).toEqual({ min: 0, max: 100, step: 20, ticks: [0, 20, 40, 60, 80, 100] });
  });

  it("handles negative ranges and ranges crossing zero", () => {
    expect(niceScale(-42, 17).ticks).toEqual([-50, -40, -30, -20, -10, 0, 10, 20]);
    expect(niceScale(-0.9, -0.1).ticks).toEqual([-1, -0.8, -0.6, -0.4, -0.2, 0]);
  });

  it("gives decimal ticks without floating-point noise", () => {
    const scale = niceScale(0.1, 0.7);
    expect(scale.ticks).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(scale.ticks.every((tick) => String(tick).length <= 4)).toBe(true);
  });

  it("pads a flat series so it has a range, and uses 0..1 for all zeros", () => {
    expect(niceScale(0, 0)).toMatchObject({ min: 0, max: 1 });
    const flat = niceScale(50, 50);
    expect(flat.min).toBeLessThan(50);
    expect(flat.max).toBeGreaterThan(50);
  });

  it("covers the data with few, evenly spaced ticks at any magnitude", () => {
    for (const [low, high] of [
      [1e-9, 7e-9],
      [123_456, 9_876_543],
      [1e20, 3e20],
      [-5e-3, 2.2e-2],
      [999.999, 1000.001],
    ] as const) {
      const scale = niceScale(low, high);
      expect(scale.min).toBeLessThanOrEqual(low);
      expect(scale.max).toBeGreaterThanOrEqual(high);
      expect(scale.ticks.length).toBeGreaterThanOrEqual(2);
      expect(scale.ticks.length).toBeLessThanOrEqual(12);
      expect(scale.ticks[0]).toBe(scale.min);
      expect(scale.ticks.at(-1)).toBe(scale.max);
      const gaps = scale.ticks.slice(1).map((tick, index) => tick - (scale.ticks[index] ?? 0));
      for (const gap of gaps) expect(gap / scale.step).toBeCloseTo(1, 6);
    }
  });
});
