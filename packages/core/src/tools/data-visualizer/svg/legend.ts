import { fontSizes, inkColors } from "./chart-style.js";
import { element, text } from "./svg-markup.js";
import { estimateTextWidth, truncateLabel } from "./text-metrics.js";

export interface LegendItem {
  label: string;
  color: string;
}

export type LegendMarker = "square" | "line" | "dot";

const maxLabelChars = 28;
const swatch = 12;
const gap = 8;
const rowHeight = 20;

/** The width the legend needs beside the plot. */
export function legendWidth(items: LegendItem[]): number {
  const widest = Math.max(0, ...items.map((item) => estimateTextWidth(truncateLabel(item.label, maxLabelChars), fontSizes.legend)));
  return swatch + gap + widest;
}

/** A column of colour keys, top-left at (x, y). Labels are data, so they go through `text`. */
export function renderLegend(items: LegendItem[], x: number, y: number, marker: LegendMarker): string {
  const rows = items.map((item, index) => {
    const top = y + index * rowHeight;
    const middle = top + swatch / 2;
    const key =
      marker === "line"
        ? element("line", { x1: x, y1: middle, x2: x + swatch, y2: middle, stroke: item.color, "stroke-width": 3, "stroke-linecap": "round" })
        : marker === "dot"
          ? element("circle", { cx: x + swatch / 2, cy: middle, r: swatch / 2 - 1, fill: item.color })
          : element("rect", { x, y: top, width: swatch, height: swatch, rx: 2, fill: item.color });
    const label = element("text", { x: x + swatch + gap, y: middle, dy: "0.35em", fill: inkColors.text, "font-size": fontSizes.legend }, [
      text(truncateLabel(item.label, maxLabelChars)),
    ]);
    return key + label;
  });
  return element("g", {}, rows);
}
