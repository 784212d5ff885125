import type { ChartData } from "./chart-data.js";
import { formatValue } from "./format-tick.js";
import { formatShare, pieSlices } from "./pie-slices.js";

/**
 * What the model reads back: where the chart is and what it shows, in numbers it can quote
 * (it cannot see the image).
 */
export function summarizeChart(data: ChartData, path: string): string {
  const skipped = data.rowsSkipped > 0 ? `; ${data.rowsSkipped} skipped for an empty x or y value` : "";
  const lines = [`Saved a ${data.kind} chart to ${path} (${data.rows.length} rows plotted${skipped}).`];
  if (data.kind === "pie") {
    const slices = pieSlices(data.rows);
    const total = slices.reduce((sum, slice) => sum + slice.value, 0);
    const shares = slices.slice(0, 5).map((slice) => `${slice.label} ${formatShare(slice.share)}`);
    lines.push(`${data.seriesNames[0]}: total ${formatValue(total)}; ${shares.join(", ")}${slices.length > 5 ? ", …" : ""}`);
    return lines.join("\n");
  }
  for (const [series, name] of data.seriesNames.entries()) {
    let lowest: { value: number; x: number | string } | undefined;
    let highest: { value: number; x: number | string } | undefined;
    for (const row of data.rows) {
      const value = row.values[series] ?? null;
      if (value === null) continue;
      if (!lowest || value < lowest.value) lowest = { value, x: row.x };
      if (!highest || value > highest.value) highest = { value, x: row.x };
    }
    lines.push(
      lowest && highest
        ? `${name}: min ${formatValue(lowest.value)} at ${data.xLabel} ${String(lowest.x)}, max ${formatValue(highest.value)} at ${data.xLabel} ${String(highest.x)}`
        : `${name}: no values`,
    );
  }
  return lines.join("\n");
}
