import type { ProjectWorkspace } from "../../workspace/project-workspace.js";
import type { CsvDelimiter } from "../tabular/csv-delimiter.js";
import type { DataTable } from "../tabular/data-table.js";
import { parseCsv } from "../tabular/parse-csv.js";
import { tableFromRecords } from "../tabular/table-from-records.js";
import { fail, type Outcome } from "../tool-support/outcome.js";
import { readTextSource } from "../tool-support/read-text-source.js";
import { maxChartRows } from "./data-visualizer-input.js";

export interface ChartSource {
  path?: string | undefined;
  rows?: Record<string, string | number | boolean | null>[] | undefined;
  delimiter?: CsvDelimiter | undefined;
}

/** A CSV of 10,000 rows of a few dozen columns fits; a larger file is refused before parsing. */
export const maxChartFileBytes = 4_000_000;

/** The chart's data as a table: a workspace CSV file or the inline rows, exactly one of them. */
export async function loadChartTable(source: ChartSource, workspace: ProjectWorkspace): Promise<Outcome<DataTable>> {
  if (source.rows !== undefined && source.path !== undefined) return fail("Give either `rows` or `path`, not both.");
  if (source.rows !== undefined) return tableFromRecords(source.rows);
  if (source.path === undefined) return fail("Give the data either inline as `rows` or as a workspace CSV file `path`.");
  const text = await readTextSource({ path: source.path }, workspace, maxChartFileBytes);
  if (!text.ok) return text;
  return parseCsv(text.value, { delimiter: source.delimiter, maxRows: maxChartRows });
}
