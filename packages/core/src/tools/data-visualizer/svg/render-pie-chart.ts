import type { ChartData } from "../chart-data.js";
import { formatShare, pieSlices } from "../pie-slices.js";
import { contentTop } from "./chart-document.js";
import { chartSize, inkColors, seriesColor } from "./chart-style.js";
import { legendWidth, renderLegend } from "./legend.js";
import { markTitle } from "./mark-title.js";
import { element, formatCoordinate } from "./svg-markup.js";

/** Slices clockwise from twelve o'clock, with a legend giving each slice's label and share. */
export function renderPieChart(data: ChartData): string[] {
  const { width, height, margin } = chartSize;
  const slices = pieSlices(data.rows);
  const items = slices.map((slice, index) => ({ label: `${slice.label} — ${formatShare(slice.share)}`, color: seriesColor(index) }));
  const legendSpace = legendWidth(items);
  const top = contentTop(data.title) + 8;
  const areaWidth = width - 2 * margin - legendSpace - 32;
  const areaHeight = height - margin - top;
  const radius = Math.max(10, Math.min(areaWidth, areaHeight) / 2 - 8);
  const centerX = margin + areaWidth / 2;
  const centerY = top + areaHeight / 2;

  let angle = -Math.PI / 2;
  const shapes = slices.map((slice, index) => {
    const start = angle;
    angle += slice.share * 2 * Math.PI;
    const tooltip = [markTitle(`${slice.label}: ${slice.value} (${formatShare(slice.share)})`)];
    const paint = { fill: seriesColor(index), stroke: inkColors.background, "stroke-width": 1.5 };
    // An arc from a point to itself draws nothing, so a slice that is the whole pie is a circle.
    if (slice.share > 0.99999) return element("circle", { cx: centerX, cy: centerY, r: radius, ...paint }, tooltip);
    return element("path", { d: slicePath(centerX, centerY, radius, start, angle), ...paint }, tooltip);
  });
  const legendTop = Math.max(top, centerY - (items.length * 20) / 2);
  return [element("g", {}, shapes), renderLegend(items, width - margin - legendSpace, legendTop, "square")];
}

function slicePath(centerX: number, centerY: number, radius: number, start: number, end: number): string {
  const point = (angle: number) => `${formatCoordinate(centerX + radius * Math.cos(angle))} ${formatCoordinate(centerY + radius * Math.sin(angle))}`;
  const largeArc = end - start > Math.PI ? 1 : 0;
  return `M${formatCoordinate(centerX)} ${formatCoordinate(centerY)}L${point(start)}A${formatCoordinate(radius)} ${formatCoordinate(radius)} 0 ${largeArc} 1 ${point(end)}Z`;
}
