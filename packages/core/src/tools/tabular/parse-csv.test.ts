import { describe, expect, it } from "vitest";
import { parseCsv } from "./parse-csv.js";

function parsed(text: string, options?: Parameters<typeof parseCsv>[1]) {
  const outcome = parseCsv(text, options);
  if (!outcome.ok) throw new Error(`expected the CSV to parse, got: ${outcome.message}`);
  return outcome.value;
}

function failure(text: string, options?: Parameters<typeof parseCsv>[1]): string {
  const outcome = parseCsv(text, options);
  if (outcome.ok) throw new Error("expected the CSV to be rejected");
  return outcome.message;
}

describe("parseCsv", () => {
  it("reads a header and rows", () => {
    expect(parsed("name,age\nada,36\ngrace,45")).toEqual({
      columns: ["name", "age"],
      rows: [
        ["ada", "36"],
        ["grace", "45"],
      ],
    });
  });

  it("reads quoted fields holding delimiters, doubled quotes and line breaks", () => {
    const table = parsed('title,note\n"Hello, world","She said ""hi"""\n"two\nlines",x');
    expect(table.rows).toEqual([
      ["Hello, world", 'She said "hi"'],
      ["two\nlines", "x"],
    ]);
  });

  it("accepts CRLF, LF and lone CR line endings, and keeps CRLF inside quotes", () => {
    expect(parsed("a,b\r\n1,2\r\n3,4\r\n").rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parsed("a,b\r1,2\r3,4").rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
    expect(parsed('a\r\n"x\r\ny"\r\n').rows).toEqual([["x\r\ny"]]);
  });

  it("drops a leading byte-order mark so the first column keeps its name", () => {
    expect(parsed("\uFEFFid,value\n1,2").columns).toEqual(["id", "value"]);
  });

  it("skips blank lines and a trailing newline", () => {
    expect(parsed("a,b\n\n1,2\n\n\n3,4\n").rows).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });

  it("keeps empty fields, including an empty last field", () => {
    expect(parsed("a,b,c\n1,,\n,,3").rows).toEqual([
      ["1", "", ""],
      ["", "", "3"],
    ]);
  });

  it("keeps a quoted empty value on a line of its own as a row", () => {
    expect(parsed('name\n""\nada').rows).toEqual([[""], ["ada"]]);
  });

  it("trims header names but not cell values", () => {
    const table = parsed(" x , y \n 1 , 2 ");
    expect(table.columns).toEqual(["x", "y"]);
    expect(table.rows).toEqual([[" 1 ", " 2 "]]);
  });

  it("allows spaces around quoted fields", () => {
    expect(parsed('a,b\n "x" , "y"').rows).toEqual([["x", "y"]]);
  });

  it("keeps a quote inside an unquoted field as text", () => {
    expect(parsed('size\n5" screen').rows).toEqual([['5" screen']]);
  });

  it("detects semicolons and tabs, or uses the delimiter it is given", () => {
    expect(parsed("a;b\n1,5;2").rows).toEqual([["1,5", "2"]]);
    expect(parsed("a\tb\n1\t2").rows).toEqual([["1", "2"]]);
    expect(parsed("a,b;c\n1,2;3", { delimiter: ";" }).columns).toEqual(["a,b", "c"]);
  });

  it("reads a header with no rows", () => {
    expect(parsed("a,b\n")).toEqual({ columns: ["a", "b"], rows: [] });
  });

  it("rejects ragged rows and says which row and line", () => {
    expect(failure("a,b\n1,2\n3,4,5")).toBe(
      "Row 2 (line 3) has 3 fields but the header has 2. The comma is the delimiter here; quote fields that contain it.",
    );
  });

  it("counts lines inside quoted fields when reporting a ragged row", () => {
    expect(failure('a,b\n"x\ny",1\n2')).toMatch(/^Row 2 \(line 4\) has 1 fields/);
  });

  it("rejects an unclosed quote with the line it opened on", () => {
    expect(failure('a,b\n1,"open\n2,3')).toBe('A quoted field opened on line 2 is never closed: is a closing " missing?');
  });

  it("rejects text after a closing quote", () => {
    expect(failure('a,b\n"x"y,1')).toMatch(/^Line 2: unexpected "y" after a closing quote/);
  });

  it("rejects empty input", () => {
    expect(failure("")).toMatch(/empty/);
    expect(failure("\uFEFF\n\n")).toMatch(/empty/);
  });

  it("stops at the row cap", () => {
    expect(parsed("n\n1\n2", { maxRows: 2 }).rows).toHaveLength(2);
    expect(failure("n\n1\n2\n3", { maxRows: 2 })).toBe("The CSV has more than 2 data rows, the most this tool accepts.");
  });
});
