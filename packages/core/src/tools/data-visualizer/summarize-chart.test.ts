import { describe, expect, it } from "vitest";
import type { ChartData } from "./chart-data.js";
import { summarizeChart } from "./summarize-chart.js";

const base: ChartData = {
  kind: "line",
  title: undefined,
  xLabel: "month",
  seriesNames: ["revenue", "cost"],
  xNumeric: false,
  rows: [
    { x: "Jan", values: [10, null], rowNumber: 1 },
    { x: "Feb", values: [30.1, 5], rowNumber: 2 },
    { x: "Mar", values: [20, 2], rowNumber: 3 },
  ],
  rowsSkipped: 1,
};

describe("summarizeChart", () => {
  it("gives the path, the rows used and each series' extremes", () => {
    expect(summarizeChart(base, "charts/x.svg")).toBe(
      [
        "Saved a line chart to charts/x.svg (3 rows plotted; 1 skipped for an empty x or y value).",
        "revenue: min 10 at month Jan, max 30.1 at month Feb",
        "cost: min 2 at month Mar, max 5 at month Feb",
      ].join("\n"),
    );
  });

  it("gives a pie's total and its shares", () => {
    const pie: ChartData = { ...base, kind: "pie", seriesNames: ["revenue"], rowsSkipped: 0, rows: base.rows.map((row) => ({ ...row, values: [row.values[0] ?? 0] })) };
    expect(summarizeChart(pie, "charts/p.svg")).toBe("Saved a pie chart to charts/p.svg (3 rows plotted).\nrevenue: total 60.1; Jan 16.6%, Feb 50.1%, Mar 33.3%");
  });
});
