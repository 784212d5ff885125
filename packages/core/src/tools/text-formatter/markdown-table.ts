import { parseCsv } from "../tabular/parse-csv.js";
import type { CsvDelimiter } from "../tabular/csv-delimiter.js";
import { cellText, type DataTable } from "../tabular/data-table.js";
import { isEmptyCell, parseNumericCell } from "../tabular/numeric-cell.js";
import { tableFromRecords } from "../tabular/table-from-records.js";
import { parseJsonText } from "../tool-support/parse-json-text.js";
import type { Outcome } from "../tool-support/outcome.js";

export const maxMarkdownTableRows = 5_000;

export interface MarkdownTableOptions {
  /** Guessed when absent: text starting with `[` is JSON, anything else CSV. */
  inputFormat?: "csv" | "json" | undefined;
  delimiter?: CsvDelimiter | undefined;
}

/** Reads CSV text or a JSON array of objects and renders it as a GitHub-flavoured markdown table. */
export function markdownTableFromText(text: string, options: MarkdownTableOptions): Outcome<string> {
  const inputFormat = options.inputFormat ?? (text.trimStart().startsWith("[") ? "json" : "csv");
  let table: Outcome<DataTable>;
  if (inputFormat === "json") {
    const parsed = parseJsonText(text);
    table = parsed.ok ? tableFromRecords(parsed.value) : parsed;
  } else {
    table = parseCsv(text, { delimiter: options.delimiter, maxRows: maxMarkdownTableRows });
  }
  return table.ok ? { ok: true, value: renderMarkdownTable(table.value) } : table;
}

/**
 * Pads every column to one width so the table also reads well as plain text, and right-aligns
 * columns that hold only numbers, as spreadsheets do.
 */
export function renderMarkdownTable(table: DataTable): string {
  const header = table.columns.map(escapeCell);
  const body = table.rows.map((row) => row.map((cell) => escapeCell(cellText(cell))));
  const numeric = table.columns.map((_, column) => isNumericColumn(table, column));
  const widths = header.map((name, column) => Math.max(3, displayWidth(name), ...body.map((row) => displayWidth(row[column] ?? ""))));

  const renderRow = (cells: string[]) =>
    `| ${cells.map((cell, column) => pad(cell, widths[column] ?? 3, numeric[column] ?? false)).join(" | ")} |`;
  const separator = `| ${widths.map((width, column) => (numeric[column] ? `${"-".repeat(width - 1)}:` : "-".repeat(width))).join(" | ")} |`;
  return [renderRow(header), separator, ...body.map(renderRow)].join("\n");
}

/**
 * A pipe would end the cell, so it is escaped; a backslash right before it is doubled so it
 * cannot escape the escape. A line break would end the row, so it becomes `<br>`, which
 * GitHub renders inside cells.
 */
export function escapeCell(text: string): string {
  return text
    .trim()
    .replace(/\r\n|\r|\n/g, "<br>")
    .replace(/\\(?=\|)/g, "\\\\")
    .replace(/\|/g, "\\|");
}

function isNumericColumn(table: DataTable, column: number): boolean {
  let sawNumber = false;
  for (const row of table.rows) {
    const cell = row[column] ?? null;
    if (isEmptyCell(cell)) continue;
    if (parseNumericCell(cell) === undefined) return false;
    sawNumber = true;
  }
  return sawNumber;
}

/** Counts code points, so "é" or an emoji takes one column, not two UTF-16 units. */
function displayWidth(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number, alignRight: boolean): string {
  const padding = " ".repeat(Math.max(0, width - displayWidth(text)));
  return alignRight ? padding + text : text + padding;
}
