import type { TableCell } from "./data-table.js";

/**
 * Plain decimal numbers only ("-12", "3.5", ".5", "1e6"). Thousands separators, currencies and
 * percentages are not numbers here: "1,234" means 1234 in one locale and 1.234 in another, and
 * guessing wrong would draw a chart that looks right and is not.
 */
const decimalNumber = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a cell holds, or undefined when it holds none (text, empty, boolean, out of range). */
export function parseNumericCell(cell: TableCell): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  const trimmed = cell.trim();
  if (!decimalNumber.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : undefined;
}

/** A cell that holds nothing: missing values are skipped, not treated as errors. */
export function isEmptyCell(cell: TableCell): boolean {
  return cell === null || (typeof cell === "string" && cell.trim() === "");
}
