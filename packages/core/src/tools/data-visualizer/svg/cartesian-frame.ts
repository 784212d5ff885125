import { formatTicks } from "../format-tick.js";
import type { NiceScale } from "../nice-scale.js";
import { contentTop } from "./chart-document.js";
import { chartSize, fontSizes, inkColors, seriesColor } from "./chart-style.js";
import { legendWidth, renderLegend, type LegendItem, type LegendMarker } from "./legend.js";
import { element, text } from "./svg-markup.js";
import { estimateTextWidth, truncateLabel, truncateMiddle } from "./text-metrics.js";

/** A tick on the x axis, placed as a fraction (0..1) of the plot's width. */
export interface XTick {
  position: number;
  label: string;
}

/**
 * How a frame names its series: one series names the y axis; several get a legend instead, each in
 * its colour with the chart's marker.
 */
export function seriesLabels(seriesNames: readonly string[], marker: LegendMarker): Pick<CartesianFrameOptions, "yLabel" | "legend"> {
  if (seriesNames.length <= 1) return { yLabel: seriesNames[0], legend: undefined };
  return { yLabel: undefined, legend: { items: seriesNames.map((name, index) => ({ label: name, color: seriesColor(index) })), marker } };
}

export interface CartesianFrameOptions {
  title: string | undefined;
  xLabel: string;
  /** Shown along the y axis; left out when a legend names the series instead. */
  yLabel: string | undefined;
  yScale: NiceScale;
  xTicks: XTick[];
  /** Category labels may be thinned out and slanted to fit; numeric ticks are few and short. */
  categorical: boolean;
  legend: { items: LegendItem[]; marker: LegendMarker } | undefined;
}

export interface PlotBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The plot area, how to place values in it, and the markup drawn under and over the data. */
export interface CartesianFrame {
  box: PlotBox;
  x(position: number): number;
  y(value: number): number;
  under: string;
  over: string;
}

const maxCategoryLabelChars = 16;
const slant = 40;

/** Lays out axes, grid, labels and legend around the plot, sized from the labels they must hold. */
export function cartesianFrame(options: CartesianFrameOptions): CartesianFrame {
  const { width, height, margin } = chartSize;
  const { yScale } = options;
  const top = contentTop(options.title) + 6;
  const legendSpace = options.legend ? legendWidth(options.legend.items) + 28 : 0;
  const right = width - margin - legendSpace - 8;

  const yTickLabels = formatTicks(yScale.ticks, yScale.step);
  const yTickWidth = Math.max(...yTickLabels.map((label) => estimateTextWidth(label, fontSizes.tick)));
  let left = margin + (options.yLabel ? fontSizes.label + 10 : 0) + yTickWidth + 10;

  const xLabels = options.xTicks.map((tick) => truncateMiddle(tick.label, maxCategoryLabelChars));
  const widestXLabel = Math.max(0, ...xLabels.map((label) => estimateTextWidth(label, fontSizes.tick)));
  const crowded = options.categorical && xLabels.length * (widestXLabel + 8) > right - left;
  if (crowded) {
    // A slanted label hangs down and to the left of its tick; the first one must not leave the image.
    const firstTick = options.xTicks[0]?.position ?? 0;
    const overhang = Math.cos((slant * Math.PI) / 180) * widestXLabel;
    left = Math.max(left, (margin + overhang - firstTick * right) / (1 - firstTick));
  }
  const plotWidth = right - left;
  // Slanted labels need only their line height side by side; beyond that, show every n-th one.
  const every = crowded ? Math.max(1, Math.ceil((xLabels.length * (fontSizes.tick + 5)) / plotWidth)) : 1;
  const xLabelHeight = crowded ? Math.sin((slant * Math.PI) / 180) * widestXLabel + fontSizes.tick + 8 : fontSizes.tick + 12;
  const bottom = height - margin - (options.xLabel ? fontSizes.label + 8 : 0) - xLabelHeight;

  const box: PlotBox = { left, top, right, bottom };
  const x = (position: number) => left + position * (right - left);
  const y = (value: number) => bottom - ((value - yScale.min) / (yScale.max - yScale.min)) * (bottom - top);

  const grid = yScale.ticks.map((tick) => element("line", { x1: left, y1: y(tick), x2: right, y2: y(tick), stroke: inkColors.grid, "stroke-width": 1 }));
  const yTicks = yScale.ticks.map((tick, index) =>
    element("text", { x: left - 8, y: y(tick), dy: "0.35em", "text-anchor": "end", fill: inkColors.text, "font-size": fontSizes.tick }, [text(yTickLabels[index] ?? "")]),
  );
  const xTicks = options.xTicks.flatMap((tick, index) => {
    if (index % every !== 0) return [];
    const tickX = x(tick.position);
    const mark = element("line", { x1: tickX, y1: bottom, x2: tickX, y2: bottom + 4, stroke: inkColors.axis });
    const labelY = bottom + 8;
    const label = crowded
      ? element(
          "text",
          { x: tickX, y: labelY, dy: "0.35em", transform: `rotate(-${slant} ${round(tickX)} ${round(labelY)})`, "text-anchor": "end", fill: inkColors.text, "font-size": fontSizes.tick },
          [text(xLabels[index] ?? "")],
        )
      : element("text", { x: tickX, y: labelY + fontSizes.tick, "text-anchor": "middle", fill: inkColors.text, "font-size": fontSizes.tick }, [text(xLabels[index] ?? "")]);
    return [mark, label];
  });
  const axes = [element("line", { x1: left, y1: bottom, x2: right, y2: bottom, stroke: inkColors.axis, "stroke-width": 1 })];
  if (yScale.min < 0 && yScale.max > 0) axes.push(element("line", { x1: left, y1: y(0), x2: right, y2: y(0), stroke: inkColors.axis, "stroke-width": 1 }));

  const titles: string[] = [];
  if (options.xLabel) {
    titles.push(
      element("text", { x: (left + right) / 2, y: height - margin, "text-anchor": "middle", fill: inkColors.text, "font-size": fontSizes.label, "font-weight": 600 }, [
        text(truncateLabel(options.xLabel, 60)),
      ]),
    );
  }
  if (options.yLabel) {
    const labelX = margin + fontSizes.label;
    const labelY = (top + bottom) / 2;
    titles.push(
      element(
        "text",
        { x: labelX, y: labelY, transform: `rotate(-90 ${round(labelX)} ${round(labelY)})`, "text-anchor": "middle", fill: inkColors.text, "font-size": fontSizes.label, "font-weight": 600 },
        [text(truncateLabel(options.yLabel, 40))],
      ),
    );
  }
  const legend = options.legend ? [renderLegend(options.legend.items, right + 28, top, options.legend.marker)] : [];

  return {
    box,
    x,
    y,
    under: element("g", {}, grid),
    over: element("g", {}, [...axes, ...xTicks, ...yTicks, ...titles, ...legend]),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
