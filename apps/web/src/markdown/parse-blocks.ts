import type { Block, TableAlignment } from "./markdown-ast.js";
import { parseInline } from "./parse-inline.js";

const fenceOpen = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/;
const headingLine = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const ruleLine = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const quoteLine = /^ {0,3}> ?(.*)$/;
const listItemLine = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+|$)(.*)$/;
const tableDelimiter = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const blank = (line: string | undefined) => line === undefined || line.trim() === "";

/** The limit keeps a hostile message (thousands of nested "> > >") from exhausting the stack. */
const maxDepth = 12;

function splitRow(line: string): string[] {
  let row = line.trim();
  if (row.startsWith("|")) row = row.slice(1);
  if (row.endsWith("|") && !row.endsWith("\\|")) row = row.slice(0, -1);
  return row.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

function alignment(cell: string): TableAlignment {
  const left = cell.startsWith(":");
  const right = cell.endsWith(":");
  if (left && right) return "center";
  if (right) return "right";
  return left ? "left" : undefined;
}

function startsBlock(line: string, next: string | undefined): boolean {
  return (
    fenceOpen.test(line) ||
    headingLine.test(line) ||
    ruleLine.test(line) ||
    quoteLine.test(line) ||
    listItemLine.test(line) ||
    (line.includes("|") && next !== undefined && tableDelimiter.test(next) && next.includes("-"))
  );
}

class BlockReader {
  index = 0;
  constructor(readonly lines: string[]) {}
  get line(): string | undefined {
    return this.lines[this.index];
  }
}

function readFence(reader: BlockReader, marker: string, language: string): Block {
  const closing = new RegExp(`^ {0,3}${marker.charAt(0) === "`" ? "`" : "~"}{${marker.length},}\\s*$`);
  const body: string[] = [];
  reader.index += 1;
  // An unclosed fence (a reply still streaming) runs to the end.
  while (reader.line !== undefined && !closing.test(reader.line)) {
    body.push(reader.line);
    reader.index += 1;
  }
  reader.index += 1;
  return { type: "code", language: language.toLowerCase(), text: body.join("\n") };
}

function readList(reader: BlockReader, depth: number): Block {
  const first = listItemLine.exec(reader.line ?? "");
  const ordered = /\d/.test(first?.[2] ?? "");
  const start = ordered ? Number.parseInt(first?.[2] ?? "1", 10) : 1;
  const items: Block[][] = [];
  while (reader.line !== undefined) {
    const match = listItemLine.exec(reader.line);
    if (!match || /\d/.test(match[2] ?? "") !== ordered) break;
    const contentIndent = (match[1] ?? "").length + (match[2] ?? "").length + Math.max(1, Math.min((match[3] ?? " ").length, 4));
    const body = [match[4] ?? ""];
    reader.index += 1;
    // Continuation: indented lines (nested lists, more paragraphs), and blank lines between them.
    while (reader.line !== undefined) {
      const line = reader.line;
      const indent = line.length - line.trimStart().length;
      if (blank(line)) {
        const next = reader.lines[reader.index + 1];
        if (next === undefined || (next.length - next.trimStart().length < contentIndent && !listItemLine.test(next))) break;
        body.push("");
      } else if (indent >= Math.min(contentIndent, 4) || (!startsBlock(line, undefined) && !blank(body.at(-1)))) {
        body.push(indent >= contentIndent ? line.slice(contentIndent) : line.trimStart());
      } else {
        break;
      }
      reader.index += 1;
    }
    items.push(parseLines(body, depth + 1));
    while (blank(reader.line) && reader.line !== undefined && listItemLine.test(reader.lines[reader.index + 1] ?? "")) {
      reader.index += 1;
    }
  }
  return { type: "list", ordered, start, items };
}

function readTable(reader: BlockReader): Block {
  const header = splitRow(reader.line ?? "");
  const alignments = splitRow(reader.lines[reader.index + 1] ?? "").map(alignment);
  reader.index += 2;
  const rows: string[][] = [];
  while (reader.line !== undefined && !blank(reader.line) && reader.line.includes("|")) {
    rows.push(splitRow(reader.line));
    reader.index += 1;
  }
  const width = header.length;
  return {
    type: "table",
    alignments: Array.from({ length: width }, (_, column) => alignments[column]),
    header: header.map((cell) => parseInline(cell)),
    rows: rows.map((row) => Array.from({ length: width }, (_, column) => parseInline(row[column] ?? ""))),
  };
}

function parseLines(lines: string[], depth: number): Block[] {
  if (depth > maxDepth) return [{ type: "paragraph", children: [{ type: "text", text: lines.join("\n") }] }];
  const reader = new BlockReader(lines);
  const blocks: Block[] = [];
  while (reader.line !== undefined) {
    const line = reader.line;
    if (blank(line)) {
      reader.index += 1;
      continue;
    }
    const fence = fenceOpen.exec(line);
    if (fence) {
      blocks.push(readFence(reader, fence[1] ?? "```", fence[2] ?? ""));
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      const level = (heading[1] ?? "#").length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: "heading", level, children: parseInline(heading[2] ?? "") });
      reader.index += 1;
      continue;
    }
    if (ruleLine.test(line)) {
      blocks.push({ type: "rule" });
      reader.index += 1;
      continue;
    }
    if (quoteLine.test(line)) {
      const quoted: string[] = [];
      while (reader.line !== undefined && !blank(reader.line)) {
        const match = quoteLine.exec(reader.line);
        quoted.push(match ? (match[1] ?? "") : reader.line);
        reader.index += 1;
      }
      blocks.push({ type: "quote", children: parseLines(quoted, depth + 1) });
      continue;
    }
    if (listItemLine.test(line)) {
      blocks.push(readList(reader, depth));
      continue;
    }
    const next = reader.lines[reader.index + 1];
    if (line.includes("|") && next !== undefined && tableDelimiter.test(next) && next.includes("-")) {
      blocks.push(readTable(reader));
      continue;
    }
    const paragraph = [line];
    reader.index += 1;
    while (reader.line !== undefined && !blank(reader.line) && !startsBlock(reader.line, reader.lines[reader.index + 1])) {
      paragraph.push(reader.line);
      reader.index += 1;
    }
    blocks.push({ type: "paragraph", children: parseInline(paragraph.join("\n").trim()) });
  }
  return blocks;
}

/**
 * A practical subset of CommonMark and GitHub's extensions: headings, paragraphs, fenced code,
 * lists (nested), quotes, tables, rules. Raw HTML is not a thing here: it stays text.
 */
export function parseMarkdown(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n"), 0);
}
