export const csvDelimiters = [",", ";", "\t", "|"] as const;

export type CsvDelimiter = (typeof csvDelimiters)[number];

/** Names for messages: a bare tab or comma in an error message is easy to miss. */
export const delimiterNames: Record<CsvDelimiter, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };

/**
 * Guesses the delimiter from the header line: the candidate that occurs most often outside
 * quotes, comma when none occurs (a one-column file). Spreadsheets in many locales export
 * semicolons, and tab-separated files are common, so a fixed comma would misread them.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(csvDelimiters.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as CsvDelimiter)) counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
  }
  let best: CsvDelimiter = ",";
  for (const delimiter of csvDelimiters) {
    if ((counts.get(delimiter) ?? 0) > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}
