export interface WhitespaceOptions {
  /** Strip leading and trailing whitespace from every line (this removes indentation). */
  trimLines: boolean;
  /** Collapse runs of spaces and tabs inside a line to one space; indentation is kept. */
  collapseSpaces: boolean;
  removeTrailingSpaces: boolean;
  lineEndings: "lf" | "crlf";
  /** Longer runs of blank lines are shortened to this many; undefined keeps them all. */
  maxBlankLines: number | undefined;
}

/** Horizontal whitespace: tabs and every Unicode space separator (no-break space included). */
const horizontalSpace = /[\t\p{Zs}]+/gu;

export function normalizeWhitespace(text: string, options: WhitespaceOptions): string {
  const lines = text.split(/\r\n|\r|\n/).map((line) => normalizeLine(line, options));
  // The empty string after a final line break is not a blank line: the break itself is kept.
  const endsWithLineBreak = lines.length > 1 && lines.at(-1) === "";
  if (endsWithLineBreak) lines.pop();
  const kept: string[] = [];
  let blankRun = 0;
  for (const line of lines) {
    const blank = line.trim() === "";
    blankRun = blank ? blankRun + 1 : 0;
    if (blank && options.maxBlankLines !== undefined && blankRun > options.maxBlankLines) continue;
    kept.push(blank && (options.trimLines || options.removeTrailingSpaces) ? "" : line);
  }
  const lineEnding = options.lineEndings === "crlf" ? "\r\n" : "\n";
  return kept.join(lineEnding) + (endsWithLineBreak ? lineEnding : "");
}

function normalizeLine(line: string, options: WhitespaceOptions): string {
  let result = line;
  if (options.trimLines) result = result.replace(/^[\t\p{Zs}]+|[\t\p{Zs}]+$/gu, "");
  else if (options.removeTrailingSpaces) result = result.replace(/[\t\p{Zs}]+$/u, "");
  if (options.collapseSpaces) {
    const indentation = /^[\t\p{Zs}]*/u.exec(result)?.[0] ?? "";
    result = indentation + result.slice(indentation.length).replace(horizontalSpace, " ");
  }
  return result;
}
