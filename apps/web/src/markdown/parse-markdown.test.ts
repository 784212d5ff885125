import { describe, expect, it } from "vitest";
import { parseMarkdown } from "./parse-blocks.js";
import { parseInline } from "./parse-inline.js";

const text = (value: string) => ({ type: "text", text: value });

describe("parseInline", () => {
  it("reads code spans, strong, emphasis and strikethrough", () => {
    expect(parseInline("Use `npm test` **now**, *please* ~~not~~")).toEqual([
      text("Use "),
      { type: "code", text: "npm test" },
      text(" "),
      { type: "strong", children: [text("now")] },
      text(", "),
      { type: "emphasis", children: [text("please")] },
      text(" "),
      { type: "strikethrough", children: [text("not")] },
    ]);
  });

  it("leaves underscores inside words alone", () => {
    expect(parseInline("call snake_case_name now")).toEqual([text("call snake_case_name now")]);
  });

  it("nests emphasis inside strong and keeps stars without a partner as text", () => {
    expect(parseInline("**a *b* c** and 2 * 3")).toEqual([
      { type: "strong", children: [text("a "), { type: "emphasis", children: [text("b")] }, text(" c")] },
      text(" and 2 * 3"),
    ]);
  });

  it("makes links of http(s) URLs only, and leaves the text of any other", () => {
    expect(parseInline("[docs](https://example.com/a_(b)) and [bad](javascript:alert(1))")).toEqual([
      { type: "link", href: "https://example.com/a_(b)", children: [text("docs")] },
      text(" and "),
      text("bad"),
    ]);
  });

  it("links bare and angle-bracket URLs without the sentence's punctuation", () => {
    expect(parseInline("See https://example.com/x. Or <https://example.org>.")).toEqual([
      text("See "),
      { type: "link", href: "https://example.com/x", children: [text("https://example.com/x")] },
      text(". Or "),
      { type: "link", href: "https://example.org/", children: [text("https://example.org")] },
      text("."),
    ]);
  });

  it("turns images into references that are never loaded", () => {
    expect(parseInline("![chart](https://evil.example/pixel.png)")).toEqual([
      { type: "image", href: "https://evil.example/pixel.png", alt: "chart" },
    ]);
    expect(parseInline("![x](javascript:alert(1))")).toEqual([{ type: "image", href: undefined, alt: "x" }]);
  });

  it("keeps raw HTML as text", () => {
    expect(parseInline('<img src=x onerror="alert(1)">')).toEqual([text('<img src=x onerror="alert(1)">')]);
  });

  it("honours backslash escapes and hard breaks", () => {
    expect(parseInline("\\*not emphasis\\*  \nnext")).toEqual([text("*not emphasis*"), { type: "break" }, text("next")]);
  });

  it("does not nest links", () => {
    expect(parseInline("[a [b](https://b.example)](https://a.example)")).toEqual([
      { type: "link", href: "https://a.example/", children: [text("a [b](https://b.example)")] },
    ]);
  });
});

describe("parseMarkdown", () => {
  it("reads headings, paragraphs and rules", () => {
    expect(parseMarkdown("# Title\n\nFirst line\nsecond line\n\n---\n## Sub ##")).toEqual([
      { type: "heading", level: 1, children: [text("Title")] },
      { type: "paragraph", children: [text("First line\nsecond line")] },
      { type: "rule" },
      { type: "heading", level: 2, children: [text("Sub")] },
    ]);
  });

  it("keeps fenced code verbatim with its language, even unclosed while streaming", () => {
    expect(parseMarkdown("```TS\nconst a = `<b>`;\n\n**x**\n```\nafter")).toEqual([
      { type: "code", language: "ts", text: "const a = `<b>`;\n\n**x**" },
      { type: "paragraph", children: [text("after")] },
    ]);
    expect(parseMarkdown("```py\nprint(1)")).toEqual([{ type: "code", language: "py", text: "print(1)" }]);
  });

  it("reads ordered and nested lists", () => {
    expect(parseMarkdown("3. one\n4. two\n   - inner\n\nafter")).toEqual([
      {
        type: "list",
        ordered: true,
        start: 3,
        items: [
          [{ type: "paragraph", children: [text("one")] }],
          [
            { type: "paragraph", children: [text("two")] },
            { type: "list", ordered: false, start: 1, items: [[{ type: "paragraph", children: [text("inner")] }]] },
          ],
        ],
      },
      { type: "paragraph", children: [text("after")] },
    ]);
  });

  it("reads block quotes and tables", () => {
    expect(parseMarkdown("> quoted *text*\n\n| a | b |\n|:--|--:|\n| 1 | 2 |")).toEqual([
      { type: "quote", children: [{ type: "paragraph", children: [text("quoted "), { type: "emphasis", children: [text("text")] }] }] },
      {
        type: "table",
        alignments: ["left", "right"],
        header: [[text("a")], [text("b")]],
        rows: [[[text("1")], [text("2")]]],
      },
    ]);
  });

  it("survives hostile nesting without recursing without bound", () => {
    const blocks = parseMarkdown(`${"> ".repeat(5_000)}deep`);
    expect(JSON.stringify(blocks)).toContain("deep");
  });
});
