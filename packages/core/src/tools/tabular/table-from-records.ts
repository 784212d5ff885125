import { fail, succeed, type Outcome } from "../tool-support/outcome.js";
import type { DataTable, TableCell } from "./data-table.js";

export const maxTableColumns = 100;

/**
 * Turns a JSON array of objects (one object per row) into a table. Columns are the union of the
 * keys in the order they first appear, so rows that omit a key get an empty cell rather than
 * shifting the others; nested values are shown as compact JSON.
 */
export function tableFromRecords(value: unknown): Outcome<DataTable> {
  if (!Array.isArray(value)) return fail("Expected a JSON array of objects, one object per row.");
  const columnSet = new Set<string>();
  for (const [position, record] of value.entries()) {
    if (!isPlainObject(record)) return fail(`Row ${position + 1} is ${describeKind(record)}, not an object; expected one object per row.`);
    for (const key of Object.keys(record)) columnSet.add(key);
    if (columnSet.size > maxTableColumns) return fail(`The rows have more than ${maxTableColumns} distinct keys (columns).`);
  }
  const columns = [...columnSet];
  if (columns.length === 0) return fail("The rows have no keys, so there are no columns to show.");
  const rows = (value as Record<string, unknown>[]).map((record) => columns.map((column) => toCell(record[column])));
  return succeed({ columns, rows });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeKind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function toCell(value: unknown): TableCell {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  return JSON.stringify(value);
}
