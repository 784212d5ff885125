import { describe, expect, it } from "vitest";
import { detectDelimiter } from "./csv-delimiter.js";

describe("detectDelimiter", () => {
  it.each([
    ["a,b,c\n1,2,3", ","],
    ["a;b;c\n1,5;2,5;3", ";"],
    ["a\tb\tc\n1\t2\t3", "\t"],
    ["a|b\n1|2", "|"],
  ] as const)("finds the delimiter of %j", (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });

  it("ignores delimiters inside quoted header names", () => {
    expect(detectDelimiter('"total; net";"a,b,c"\n1;2')).toBe(";");
  });

  it("only looks at the header line", () => {
    expect(detectDelimiter("a,b\n1;2;3;4;5")).toBe(",");
  });

  it("falls back to comma for a single column", () => {
    expect(detectDelimiter("name\nada\ngrace")).toBe(",");
  });
});
