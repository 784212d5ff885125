import { describe, expect, it } from "vitest";
import type { DataTable } from "../tabular/data-table.js";
import { buildChartData, maxBarCategories, maxScatterPoints, type ChartRequest } from "./chart-data.js";

const sales: DataTable = {
  columns: ["month", "revenue", "cost"],
  rows: [
    ["Jan", "10", "4"],
    ["Feb", "", ""],
    ["Mar", "30.5", ""],
    ["", "7", "1"],
  ],
};

function built(table: DataTable, request: Partial<ChartRequest>) {
  const outcome = buildChartData(table, { kind: "bar", title: undefined, x: "month", y: ["revenue"], ...request });
  if (!outcome.ok) throw new Error(`expected chart data, got: ${outcome.message}`);
  return outcome.value;
}

function problem(table: DataTable, request: Partial<ChartRequest>): string {
  const outcome = buildChartData(table, { kind: "bar", title: undefined, x: "month", y: ["revenue"], ...request });
  if (outcome.ok) throw new Error("expected the request to be refused");
  return outcome.message;
}

describe("buildChartData", () => {
  it("keeps rows with an x value and at least one number, and counts the rest as skipped", () => {
    const data = built(sales, { y: ["revenue", "cost"] });
    expect(data.rows).toEqual([
      { x: "Jan", values: [10, 4], rowNumber: 1 },
      { x: "Mar", values: [30.5, null], rowNumber: 3 },
    ]);
    expect(data.rowsSkipped).toBe(2);
    expect(data.seriesNames).toEqual(["revenue", "cost"]);
    expect(data.xNumeric).toBe(false);
  });

  it("finds columns ignoring case and spaces, and names the real columns when one is missing", () => {
    expect(built(sales, { x: " MONTH ", y: ["Revenue"] }).xLabel).toBe("month");
    expect(problem(sales, { y: ["profit"] })).toBe('There is no column "profit". The columns are: "month", "revenue", "cost".');
  });

  it("refuses text in a number column, naming the row and value", () => {
    const table: DataTable = { columns: ["month", "revenue"], rows: [["Jan", "1,200"]] };
    expect(problem(table, {})).toMatch(/^Column "revenue" holds "1,200" in row 1, which is not a number/);
  });

  it("orders a line chart over numeric x by x", () => {
    const table: DataTable = { columns: ["t", "v"], rows: [["3", "30"], ["1", "10"], ["2", "20"]] };
    const data = built(table, { kind: "line", x: "t", y: ["v"] });
    expect(data.xNumeric).toBe(true);
    expect(data.rows.map((row) => row.x)).toEqual([1, 2, 3]);
  });

  it("keeps row order for a line chart over categories", () => {
    const data = built(sales, { kind: "line" });
    expect(data.xNumeric).toBe(false);
    expect(data.rows.map((row) => row.x)).toEqual(["Jan", "Mar"]);
  });

  it("treats numeric x as categories in a bar chart", () => {
    const table: DataTable = { columns: ["year", "v"], rows: [[2024, 1], [2023, 2]] };
    expect(built(table, { x: "year", y: ["v"] }).rows.map((row) => row.x)).toEqual(["2024", "2023"]);
  });

  it("needs numbers on the x axis of a scatter chart", () => {
    expect(problem(sales, { kind: "scatter" })).toMatch(/^A scatter chart needs numbers on the x axis, but "month" holds "Jan" in row 1/);
  });

  it("takes exactly one non-negative, not all-zero column for a pie chart", () => {
    expect(problem(sales, { kind: "pie", y: ["revenue", "cost"] })).toBe("A pie chart shows one y column; give exactly one.");
    const negative: DataTable = { columns: ["month", "revenue"], rows: [["Jan", "5"], ["Feb", "-2"]] };
    expect(problem(negative, { kind: "pie" })).toBe('A pie chart cannot show the negative value -2 of "revenue" in row 2.');
    const zeros: DataTable = { columns: ["month", "revenue"], rows: [["Jan", "0"]] };
    expect(problem(zeros, { kind: "pie" })).toMatch(/zero/);
  });

  it("refuses more bars than a chart can show", () => {
    const table: DataTable = { columns: ["month", "revenue"], rows: Array.from({ length: maxBarCategories + 1 }, (_, index) => [`c${index}`, index]) };
    expect(problem(table, {})).toMatch(/^A bar chart of 101 bars per series is unreadable/);
  });

  it("refuses more scatter points than a viewer can draw quickly", () => {
    const rows = Array.from({ length: maxScatterPoints / 2 + 1 }, (_, index) => [String(index), "1", "2"]);
    const table: DataTable = { columns: ["t", "a", "b"], rows };
    expect(built(table, { kind: "scatter", x: "t", y: ["a"] }).rows).toHaveLength(rows.length);
    expect(problem(table, { kind: "scatter", x: "t", y: ["a", "b"] })).toMatch(/^A scatter chart of 20002 points is too heavy to view/);
  });

  it("refuses data with no plottable row", () => {
    const table: DataTable = { columns: ["month", "revenue"], rows: [["Jan", ""]] };
    expect(problem(table, {})).toBe('No row has both an x value and a number in "revenue".');
  });
});
