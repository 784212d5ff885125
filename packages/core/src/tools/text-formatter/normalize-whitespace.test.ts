import { describe, expect, it } from "vitest";
import { normalizeWhitespace, type WhitespaceOptions } from "./normalize-whitespace.js";

const none: WhitespaceOptions = { trimLines: false, collapseSpaces: false, removeTrailingSpaces: false, lineEndings: "lf", maxBlankLines: undefined };

describe("normalizeWhitespace", () => {
  it("normalizes CRLF and lone CR line endings to LF, or everything to CRLF", () => {
    expect(normalizeWhitespace("a\r\nb\rc\nd", none)).toBe("a\nb\nc\nd");
    expect(normalizeWhitespace("a\nb\r\nc", { ...none, lineEndings: "crlf" })).toBe("a\r\nb\r\nc");
  });

  it("removes trailing spaces and tabs, including no-break spaces", () => {
    expect(normalizeWhitespace("a  \nb\t\u00a0\n  c", { ...none, removeTrailingSpaces: true })).toBe("a\nb\n  c");
  });

  it("collapses runs of spaces inside lines but keeps indentation", () => {
    expect(normalizeWhitespace("    if (a  &&\t\tb)  {", { ...none, collapseSpaces: true })).toBe("    if (a && b) {");
  });

  it("trims both ends of every line", () => {
    expect(normalizeWhitespace("  a  \n\t b", { ...none, trimLines: true })).toBe("a\nb");
  });

  it("shortens runs of blank lines, counting whitespace-only lines as blank", () => {
    expect(normalizeWhitespace("a\n\n \n\n\nb\n\nc", { ...none, removeTrailingSpaces: true, maxBlankLines: 1 })).toBe("a\n\nb\n\nc");
    expect(normalizeWhitespace("a\n\n\nb", { ...none, maxBlankLines: 0 })).toBe("a\nb");
  });

  it("keeps the final line break", () => {
    expect(normalizeWhitespace("a  \n", { ...none, removeTrailingSpaces: true })).toBe("a\n");
    expect(normalizeWhitespace("a\r\n", { ...none, maxBlankLines: 0, lineEndings: "crlf" })).toBe("a\r\n");
    expect(normalizeWhitespace("a\n\n\n\n", { ...none, maxBlankLines: 1 })).toBe("a\n\n");
  });

  it("changes nothing with every option off", () => {
    const text = "  a   b  \n\n\n\tc ";
    expect(normalizeWhitespace(text, none)).toBe(text);
  });
});
