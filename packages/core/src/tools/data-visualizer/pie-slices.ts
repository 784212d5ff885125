import type { ChartRow } from "./chart-data.js";

export interface PieSlice {
  label: string;
  value: number;
  /** Fraction of the whole, 0..1. */
  share: number;
}

/** More slices than this become unreadable slivers; the smallest are merged into "Other". */
export const maxPieSlices = 12;

/** The slices of a pie over the first series: empty and zero values are left out. */
export function pieSlices(rows: ChartRow[]): PieSlice[] {
  let slices = rows.flatMap((row) => {
    const value = row.values[0] ?? 0;
    return value > 0 ? [{ label: String(row.x), value }] : [];
  });
  if (slices.length > maxPieSlices) {
    const sorted = [...slices].sort((left, right) => right.value - left.value);
    const kept = sorted.slice(0, maxPieSlices - 1);
    const rest = sorted.slice(maxPieSlices - 1);
    slices = [...kept, { label: `Other (${rest.length})`, value: rest.reduce((sum, slice) => sum + slice.value, 0) }];
  }
  const total = slices.reduce((sum, slice) => sum + slice.value, 0);
  return slices.map((slice) => ({ ...slice, share: slice.value / total }));
}

export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
