import { fail, succeed, type Outcome } from "../tool-support/outcome.js";
import { delimiterNames, detectDelimiter, type CsvDelimiter } from "./csv-delimiter.js";

export interface CsvOptions {
  /** Guessed from the header line when absent. */
  delimiter?: CsvDelimiter | undefined;
  /** Data rows (the header not counted) beyond which parsing stops with an error. */
  maxRows?: number | undefined;
}

/** A parsed CSV: header names (trimmed) and data rows, every row as long as the header. */
export interface CsvTable {
  columns: string[];
  rows: string[][];
}

interface CsvRecord {
  fields: string[];
  /** Where the record starts, for error messages. */
  line: number;
}

/**
 * Parses CSV as spreadsheets write it (RFC 4180 plus what real files do): quoted fields with
 * delimiters, doubled quotes and line breaks inside, CRLF / LF / CR line endings, a leading
 * byte-order mark, blank lines. Cells stay strings; numbers are recognized later, per use.
 * Malformed input (an unclosed quote, ragged rows) is reported with its line, never guessed around.
 */
export function parseCsv(input: string, options: CsvOptions = {}): Outcome<CsvTable> {
  const text = input.startsWith("\uFEFF") ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const maxRows = options.maxRows ?? Number.POSITIVE_INFINITY;

  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let fieldQuoted = false;
  let line = 1;
  let recordLine = 1;
  let index = 0;

  const endRecord = (): Outcome<void> => {
    fields.push(field);
    const blankLine = fields.length === 1 && field === "" && !fieldQuoted;
    if (!blankLine) records.push({ fields, line: recordLine });
    fields = [];
    field = "";
    fieldQuoted = false;
    return records.length - 1 > maxRows ? fail(`The CSV has more than ${maxRows} data rows, the most this tool accepts.`) : succeed(undefined);
  };

  while (index < text.length) {
    const char = text[index];
    if (char === '"' && !fieldQuoted && field.trim() === "") {
      const openedOnLine = line;
      field = "";
      index += 1;
      let closed = false;
      while (index < text.length) {
        const quotedChar = text[index];
        if (quotedChar === '"') {
          if (text[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index += 1;
          closed = true;
          break;
        }
        if (quotedChar === "\n" || (quotedChar === "\r" && text[index + 1] !== "\n")) line += 1;
        field += quotedChar;
        index += 1;
      }
      if (!closed) return fail(`A quoted field opened on line ${openedOnLine} is never closed: is a closing " missing?`);
      fieldQuoted = true;
      while (text[index] === " " || (text[index] === "\t" && delimiter !== "\t")) index += 1;
      const next = text[index];
      if (next !== undefined && next !== delimiter && next !== "\n" && next !== "\r") {
        return fail(`Line ${line}: unexpected ${JSON.stringify(next)} after a closing quote. Inside a quoted field a quote is written twice ("").`);
      }
      continue;
    }
    if (char === delimiter) {
      fields.push(field);
      field = "";
      fieldQuoted = false;
      index += 1;
      continue;
    }
    if (char === "\n" || char === "\r") {
      const ended = endRecord();
      if (!ended.ok) return ended;
      index += char === "\r" && text[index + 1] === "\n" ? 2 : 1;
      line += 1;
      recordLine = line;
      continue;
    }
    field += char;
    index += 1;
  }
  if (field !== "" || fieldQuoted || fields.length > 0) {
    const ended = endRecord();
    if (!ended.ok) return ended;
  }

  return toTable(records, delimiter);
}

function toTable(records: CsvRecord[], delimiter: CsvDelimiter): Outcome<CsvTable> {
  const [header, ...dataRecords] = records;
  if (!header) return fail("The CSV is empty: there is not even a header line.");
  const columns = header.fields.map((name) => name.trim());
  for (const [position, record] of dataRecords.entries()) {
    if (record.fields.length !== columns.length) {
      return fail(
        `Row ${position + 1} (line ${record.line}) has ${record.fields.length} fields but the header has ${columns.length}. ` +
          `The ${delimiterNames[delimiter]} is the delimiter here; quote fields that contain it.`,
      );
    }
  }
  return succeed({ columns, rows: dataRecords.map((record) => record.fields) });
}
