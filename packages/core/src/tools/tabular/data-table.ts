/** One cell of a table: CSV cells are always strings; JSON rows may carry numbers, booleans and nulls. */
export type TableCell = string | number | boolean | null;

/** Tabular data however it arrived (CSV text, a CSV file, JSON rows): named columns, rows of equal length. */
export interface DataTable {
  columns: string[];
  rows: TableCell[][];
}

/** How a cell is shown as text (markdown tables, chart labels). Missing values show as empty. */
export function cellText(cell: TableCell): string {
  return cell === null ? "" : String(cell);
}
