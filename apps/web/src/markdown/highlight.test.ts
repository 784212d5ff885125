import { describe, expect, it } from "vitest";
import { highlight } from "./highlight.js";

const kinds = (code: string, language: string) =>
  highlight(code, language)
    .filter((token) => token.kind !== "plain")
    .map((token) => `${token.kind}:${token.text}`);

describe("highlight", () => {
  it("colours TypeScript keywords, strings, numbers, calls and comments", () => {
    expect(kinds('const total = sum("a", 42); // done', "ts")).toEqual([
      "keyword:const",
      "function:sum",
      'string:"a"',
      "number:42",
      "comment:// done",
    ]);
  });

  it("colours Python literals and triple-quoted strings", () => {
    expect(kinds('def f():\n    """doc"""\n    return None', "python")).toEqual([
      "keyword:def",
      "function:f",
      'string:"""doc"""',
      "keyword:return",
      "literal:None",
    ]);
  });

  it("tells JSON keys from values", () => {
    expect(kinds('{"name": "x", "ok": true}', "json")).toEqual(['property:"name"', 'string:"x"', 'property:"ok"', "literal:true"]);
  });

  it("matches SQL keywords in any case", () => {
    expect(kinds("SELECT id FROM users", "sql")).toEqual(["keyword:SELECT", "keyword:FROM"]);
  });

  it("returns the code unchanged, as one plain token, for a language it does not know", () => {
    expect(highlight("<b>x</b>", "html")).toEqual([{ kind: "plain", text: "<b>x</b>" }]);
  });

  it("loses no character", () => {
    const code = 'let s = `a ${b}`; /* unterminated';
    expect(highlight(code, "js").map((token) => token.text).join("")).toBe(code);
  });
});
