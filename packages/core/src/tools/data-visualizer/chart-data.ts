import { cellText, type DataTable } from "../tabular/data-table.js";
import { isEmptyCell, parseNumericCell } from "../tabular/numeric-cell.js";
import { fail, succeed, type Outcome } from "../tool-support/outcome.js";
import type { ChartKind } from "./chart-kind.js";

export const maxBarCategories = 100;
/** Points across all series of a scatter chart; beyond this the SVG grows past a megabyte and draws slowly. */
export const maxScatterPoints = 20_000;

/** One data row that made it into the chart. */
export interface ChartRow {
  x: number | string;
  /** One per series; null where the cell was empty. */
  values: (number | null)[];
  /** 1-based position among the data rows, for messages. */
  rowNumber: number;
}

/** What every renderer draws from: rows already validated, ordered and reduced to the plotted columns. */
export interface ChartData {
  kind: ChartKind;
  title: string | undefined;
  xLabel: string;
  seriesNames: string[];
  /** Numeric x values are placed by value (line, scatter); otherwise x values are evenly spaced categories. */
  xNumeric: boolean;
  rows: ChartRow[];
  /** Rows left out because x or every y value was empty. */
  rowsSkipped: number;
}

export interface ChartRequest {
  kind: ChartKind;
  title: string | undefined;
  x: string;
  y: string[];
}

/**
 * Picks the plotted columns out of a table and checks them against the chart kind. Mistakes the
 * model can fix (a misspelt column, text in a number column, a pie with negative slices) come
 * back as messages naming the column, row and value.
 */
export function buildChartData(table: DataTable, request: ChartRequest): Outcome<ChartData> {
  const xColumn = findColumn(table.columns, request.x);
  if (!xColumn.ok) return xColumn;
  const seriesNames = [...new Set(request.y)];
  if (request.kind === "pie" && seriesNames.length !== 1) return fail("A pie chart shows one y column; give exactly one.");
  const yColumns: number[] = [];
  for (const name of seriesNames) {
    const column = findColumn(table.columns, name);
    if (!column.ok) return column;
    yColumns.push(column.value);
  }

  const rows: ChartRow[] = [];
  let rowsSkipped = 0;
  for (const [index, row] of table.rows.entries()) {
    const xCell = row[xColumn.value] ?? null;
    const values: (number | null)[] = [];
    for (const [series, column] of yColumns.entries()) {
      const cell = row[column] ?? null;
      if (isEmptyCell(cell)) {
        values.push(null);
        continue;
      }
      const value = parseNumericCell(cell);
      if (value === undefined) {
        return fail(
          `Column "${seriesNames[series]}" holds ${JSON.stringify(cellText(cell))} in row ${index + 1}, which is not a number ` +
            "(write plain numbers such as 1234.5, without thousands separators, units or currency signs).",
        );
      }
      values.push(value);
    }
    if (isEmptyCell(xCell) || values.every((value) => value === null)) {
      rowsSkipped += 1;
      continue;
    }
    rows.push({ x: cellText(xCell).trim(), values, rowNumber: index + 1 });
  }
  if (rows.length === 0) return fail(`No row has both an x value and a number in ${seriesNames.map((name) => `"${name}"`).join(", ")}.`);

  const xNumeric = request.kind !== "bar" && request.kind !== "pie" && rows.every((row) => parseNumericCell(row.x) !== undefined);
  if (request.kind === "scatter" && !xNumeric) {
    const offending = rows.find((row) => parseNumericCell(row.x) === undefined);
    return fail(`A scatter chart needs numbers on the x axis, but "${request.x}" holds ${JSON.stringify(offending?.x)} in row ${offending?.rowNumber}. Use a line or bar chart for categories.`);
  }
  if (xNumeric) {
    for (const row of rows) row.x = parseNumericCell(row.x) ?? 0;
    // A line over numeric x must run left to right; rows may come in any order.
    if (request.kind === "line") rows.sort((left, right) => (left.x as number) - (right.x as number));
  }
  const problem = checkKind(request.kind, rows, seriesNames);
  if (problem) return fail(problem);

  return succeed({ kind: request.kind, title: request.title, xLabel: table.columns[xColumn.value] ?? request.x, seriesNames, xNumeric, rows, rowsSkipped });
}

function checkKind(kind: ChartKind, rows: ChartRow[], seriesNames: string[]): string | undefined {
  if (kind === "bar" && rows.length > maxBarCategories) {
    return `A bar chart of ${rows.length} bars per series is unreadable; the limit is ${maxBarCategories}. Aggregate the data first, or use a line chart.`;
  }
  if (kind === "scatter") {
    const points = rows.reduce((count, row) => count + row.values.filter((value) => value !== null).length, 0);
    if (points > maxScatterPoints) {
      return `A scatter chart of ${points} points is too heavy to view; the limit is ${maxScatterPoints}. Plot fewer y columns or a sample of the rows.`;
    }
  }
  if (kind === "pie") {
    const negative = rows.find((row) => (row.values[0] ?? 0) < 0);
    if (negative) return `A pie chart cannot show the negative value ${negative.values[0]} of "${seriesNames[0]}" in row ${negative.rowNumber}.`;
    if (rows.every((row) => (row.values[0] ?? 0) === 0)) return `Every value of "${seriesNames[0]}" is zero, so there is no pie to divide.`;
  }
  return undefined;
}

/** Exact name first; then ignoring case and surrounding spaces, since models often normalize names. */
function findColumn(columns: string[], name: string): Outcome<number> {
  const exact = columns.indexOf(name);
  if (exact >= 0) return succeed(exact);
  const wanted = name.trim().toLowerCase();
  const loose = columns.findIndex((column) => column.trim().toLowerCase() === wanted);
  if (loose >= 0) return succeed(loose);
  const shown = columns.slice(0, 30).map((column) => JSON.stringify(column));
  const more = columns.length > shown.length ? `, and ${columns.length - shown.length} more` : "";
  return fail(`There is no column ${JSON.stringify(name)}. The columns are: ${shown.join(", ")}${more}.`);
}
