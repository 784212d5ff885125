import type { ChartData, ChartRow } from "../chart-data.js";
import { formatTicks } from "../format-tick.js";
import { niceScale } from "../nice-scale.js";
import { valueExtent } from "../value-extent.js";
import { cartesianFrame, seriesLabels, type XTick } from "./cartesian-frame.js";
import { seriesColor } from "./chart-style.js";
import { markTitle, showMarkTitles } from "./mark-title.js";
import { element, formatCoordinate } from "./svg-markup.js";

const maxMarkedPoints = 60;

/**
 * Lines (connected, broken where a value is missing) or a scatter of points. Numeric x values are
 * placed by value on a nice scale; other x values are evenly spaced categories in row order.
 */
export function renderLineChart(data: ChartData, style: "line" | "scatter"): string[] {
  const yExtent = valueExtent(data.rows.flatMap((row) => row.values)) ?? { min: 0, max: 0 };
  const yScale = niceScale(yExtent.min, yExtent.max);
  const { position, ticks } = xPlacement(data);
  const frame = cartesianFrame({
    title: data.title,
    xLabel: data.xLabel,
    yScale,
    xTicks: ticks,
    categorical: !data.xNumeric,
    ...seriesLabels(data.seriesNames, style === "line" ? "line" : "dot"),
  });

  const titled = showMarkTitles(data.rows.length * data.seriesNames.length);
  const marks = data.seriesNames.map((name, series) => {
    const color = seriesColor(series);
    const place = (row: ChartRow, index: number, value: number) => ({ x: frame.x(position(row, index)), y: frame.y(value) });
    const parts: string[] = [];
    if (style === "line") {
      parts.push(element("path", { d: linePath(data.rows, series, place), fill: "none", stroke: color, "stroke-width": 2, "stroke-linejoin": "round", "stroke-linecap": "round" }));
    }
    const valueCount = data.rows.reduce((count, row) => count + (row.values[series] === null ? 0 : 1), 0);
    if (style === "scatter" || valueCount <= maxMarkedPoints) {
      // Paint is set once on the group: tens of thousands of points stay small and quick to draw.
      const dots = data.rows.flatMap((row, index) => {
        const value = row.values[series] ?? null;
        if (value === null) return [];
        const point = place(row, index, value);
        return [element("circle", { cx: point.x, cy: point.y, r: style === "scatter" ? 3.5 : 3 }, titled ? [markTitle(`${row.x} — ${name}: ${value}`)] : [])];
      });
      parts.push(element("g", { fill: color, "fill-opacity": style === "scatter" ? 0.75 : undefined }, dots));
    }
    return element("g", {}, parts);
  });
  return [frame.under, ...marks, frame.over];
}

function xPlacement(data: ChartData): { position: (row: ChartRow, index: number) => number; ticks: XTick[] } {
  const count = data.rows.length;
  if (!data.xNumeric) {
    return {
      position: (_row, index) => (index + 0.5) / count,
      ticks: data.rows.map((row, index) => ({ position: (index + 0.5) / count, label: String(row.x) })),
    };
  }
  const extent = valueExtent(data.rows.map((row) => row.x as number)) ?? { min: 0, max: 0 };
  const scale = niceScale(extent.min, extent.max);
  const labels = formatTicks(scale.ticks, scale.step);
  const span = scale.max - scale.min;
  return {
    position: (row) => ((row.x as number) - scale.min) / span,
    ticks: scale.ticks.map((tick, index) => ({ position: (tick - scale.min) / span, label: labels[index] ?? "" })),
  };
}

/** One path for a series; a missing value lifts the pen, so a gap shows as a gap. */
function linePath(rows: ChartRow[], series: number, place: (row: ChartRow, index: number, value: number) => { x: number; y: number }): string {
  const commands: string[] = [];
  let penDown = false;
  for (const [index, row] of rows.entries()) {
    const value = row.values[series] ?? null;
    if (value === null) {
      penDown = false;
      continue;
    }
    const point = place(row, index, value);
    commands.push(`${penDown ? "L" : "M"}${formatCoordinate(point.x)} ${formatCoordinate(point.y)}`);
    penDown = true;
  }
  return commands.join("");
}
