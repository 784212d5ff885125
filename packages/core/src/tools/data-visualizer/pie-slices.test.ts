import { describe, expect, it } from "vitest";
import type { ChartRow } from "./chart-data.js";
import { formatShare, maxPieSlices, pieSlices } from "./pie-slices.js";

const rows = (values: (number | null)[]): ChartRow[] => values.map((value, index) => ({ x: `c${index}`, values: [value], rowNumber: index + 1 }));

describe("pieSlices", () => {
  it("gives each positive value its share, in row order", () => {
    expect(pieSlices(rows([1, 3, 0, null]))).toEqual([
      { label: "c0", value: 1, share: 0.25 },
      { label: "c1", value: 3, share: 0.75 },
    ]);
  });

  it("merges the smallest slices into Other beyond the slice cap", () => {
    const slices = pieSlices(rows(Array.from({ length: 20 }, (_, index) => index + 1)));
    expect(slices).toHaveLength(maxPieSlices);
    expect(slices[0]).toMatchObject({ label: "c19", value: 20 });
    expect(slices.at(-1)).toMatchObject({ label: "Other (9)", value: 45 });
    expect(slices.reduce((sum, slice) => sum + slice.share, 0)).toBeCloseTo(1, 12);
  });
});

describe("formatShare", () => {
  it("shows a percentage with one decimal", () => {
    expect(formatShare(0.4216)).toBe("42.2%");
  });
});
