import type { ChartData } from "../chart-data.js";
import { renderBarChart } from "./render-bar-chart.js";
import { renderChartDocument } from "./chart-document.js";
import { renderLineChart } from "./render-line-chart.js";
import { renderPieChart } from "./render-pie-chart.js";

const kindNames = { bar: "Bar chart", line: "Line chart", scatter: "Scatter chart", pie: "Pie chart" } as const;

/** The chart as a complete, self-contained SVG document. */
export function renderChart(data: ChartData): string {
  const subject = `${kindNames[data.kind]} of ${data.seriesNames.join(", ")} by ${data.xLabel}`;
  return renderChartDocument({
    title: data.title,
    accessibleTitle: data.title ?? subject,
    description: `${subject}, ${data.rows.length} rows.`,
    body: renderBody(data),
  });
}

function renderBody(data: ChartData): string[] {
  switch (data.kind) {
    case "bar":
      return renderBarChart(data);
    case "line":
      return renderLineChart(data, "line");
    case "scatter":
      return renderLineChart(data, "scatter");
    case "pie":
      return renderPieChart(data);
  }
}
