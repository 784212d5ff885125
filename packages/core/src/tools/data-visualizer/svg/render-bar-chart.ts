import type { ChartData } from "../chart-data.js";
import { niceScale } from "../nice-scale.js";
import { valueExtent } from "../value-extent.js";
import { cartesianFrame, seriesLabels } from "./cartesian-frame.js";
import { seriesColor } from "./chart-style.js";
import { markTitle, showMarkTitles } from "./mark-title.js";
import { element } from "./svg-markup.js";

/** Grouped bars, one group per row, measured from zero (a bar's length is its value). */
export function renderBarChart(data: ChartData): string[] {
  const extent = valueExtent(data.rows.flatMap((row) => row.values)) ?? { min: 0, max: 0 };
  const yScale = niceScale(Math.min(0, extent.min), Math.max(0, extent.max));
  const count = data.rows.length;
  const frame = cartesianFrame({
    title: data.title,
    xLabel: data.xLabel,
    yScale,
    xTicks: data.rows.map((row, index) => ({ position: (index + 0.5) / count, label: String(row.x) })),
    categorical: true,
    ...seriesLabels(data.seriesNames, "square"),
  });

  const multiple = data.seriesNames.length > 1;
  const band = (frame.box.right - frame.box.left) / count;
  const group = band * 0.8;
  const barWidth = group / data.seriesNames.length;
  const titled = showMarkTitles(count * data.seriesNames.length);
  const zero = frame.y(0);
  const bars = data.rows.flatMap((row, index) =>
    row.values.flatMap((value, series) => {
      if (value === null) return [];
      const top = frame.y(value);
      const children = titled ? [markTitle(`${row.x} — ${data.seriesNames[series]}: ${value}`)] : [];
      return [
        element(
          "rect",
          {
            x: frame.box.left + index * band + (band - group) / 2 + series * barWidth,
            y: Math.min(top, zero),
            width: Math.max(0.5, barWidth - (multiple ? 1 : 0)),
            height: Math.abs(zero - top),
            fill: seriesColor(series),
          },
          children,
        ),
      ];
    }),
  );
  return [frame.under, element("g", {}, bars), frame.over];
}
