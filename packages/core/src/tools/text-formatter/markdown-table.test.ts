import { describe, expect, it } from "vitest";
import { escapeCell, markdownTableFromText, renderMarkdownTable } from "./markdown-table.js";

function table(text: string, options: Parameters<typeof markdownTableFromText>[1] = {}): string {
  const outcome = markdownTableFromText(text, options);
  if (!outcome.ok) throw new Error(`expected a table, got: ${outcome.message}`);
  return outcome.value;
}

describe("markdownTableFromText", () => {
  it("renders CSV as an aligned table with numeric columns right-aligned", () => {
    expect(table("name,amount\nada,5\ngrace,1250.5")).toBe(
      ["| name  | amount |", "| ----- | -----: |", "| ada   |      5 |", "| grace | 1250.5 |"].join("\n"),
    );
  });

  it("renders a JSON array of objects, leaving missing keys empty", () => {
    expect(table('[{"city":"Oslo","temp":-3},{"city":"Rome"}]')).toBe(
      ["| city | temp |", "| ---- | ---: |", "| Oslo |   -3 |", "| Rome |      |"].join("\n"),
    );
  });

  it("escapes pipes and turns line breaks into <br> so the row structure survives", () => {
    const markdown = table('expr,note\n"a|b","line one\nline two"');
    expect(markdown.split("\n")).toHaveLength(3);
    expect(markdown).toContain("a\\|b");
    expect(markdown).toContain("line one<br>line two");
  });

  it("uses the format it is told even when the text starts with a bracket", () => {
    expect(table("[id],name\n1,x", { inputFormat: "csv" })).toContain("| [id] | name |");
  });

  it("renders a header-only CSV as a table with no rows", () => {
    expect(table("a,b")).toBe("| a   | b   |\n| --- | --- |");
  });

  it("reports ragged CSV instead of drawing a broken table", () => {
    expect(markdownTableFromText("a,b\n1,2,3", {})).toEqual({ ok: false, message: expect.stringMatching(/^Row 1 \(line 2\) has 3 fields/) as string });
  });

  it("reports invalid JSON and JSON that is not rows", () => {
    expect(markdownTableFromText("[1,", {})).toMatchObject({ ok: false, message: expect.stringMatching(/^The input is not valid JSON/) as string });
    expect(markdownTableFromText("[1, 2]", {})).toEqual({ ok: false, message: "Row 1 is a number, not an object; expected one object per row." });
  });
});

describe("renderMarkdownTable", () => {
  it("measures width in characters, not UTF-16 units", () => {
    const markdown = renderMarkdownTable({ columns: ["word"], rows: [["café"], ["😀😀😀😀😀"]] });
    expect(markdown.split("\n")).toEqual(["| word  |", "| ----- |", "| café  |", "| 😀😀😀😀😀 |"]);
  });

  it("keeps a column with text left-aligned even when most cells are numbers", () => {
    expect(renderMarkdownTable({ columns: ["v"], rows: [["1"], ["n/a"]] }).split("\n")[1]).toBe("| --- |");
  });
});

describe("escapeCell", () => {
  it.each([
    ["a|b", "a\\|b"],
    ["a\\|b", "a\\\\\\|b"],
    ["C:\\temp", "C:\\temp"],
    ["x\r\ny\rz", "x<br>y<br>z"],
    ["  padded  ", "padded"],
  ])("escapes %j as %j", (text, expected) => {
    expect(escapeCell(text)).toBe(expected);
  });
});
