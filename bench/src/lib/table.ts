export interface Table {
  columns: string[];
  rows: string[][];
  /** Columns whose cells are right-aligned (numbers). */
  numericColumns?: number[];
}

/** A plain-text table that reads the same in a terminal and pasted into an issue. */
export function formatTable({ columns, rows, numericColumns = [] }: Table): string {
  const widths = columns.map((column, index) => Math.max(column.length, ...rows.map((row) => (row[index] ?? "").length)));
  const formatRow = (cells: string[]) =>
    cells
      .map((cell, index) => (numericColumns.includes(index) ? cell.padStart(widths[index]!) : cell.padEnd(widths[index]!)))
      .join(" | ")
      .trimEnd();
  const rule = widths.map((width) => "-".repeat(width)).join("-|-");
  return [formatRow(columns), rule, ...rows.map(formatRow)].join("\n");
}
