import { describe, expect, it } from "vitest";
import { element, escapeXml, formatCoordinate, text } from "./svg-markup.js";

describe("escapeXml", () => {
  it("escapes every character with meaning in markup", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  });

  it("makes a CDATA terminator inert", () => {
    expect(escapeXml("]]>")).toBe("]]&gt;");
  });

  it("drops characters XML cannot hold, keeping tabs, line breaks and astral characters", () => {
    expect(escapeXml("a\u0000b\u001bc\uFFFEd\uD800e\uDC00f\u007fg\u0085h")).toBe("abcdefgh");
    expect(escapeXml("tab\there\nline 😀")).toBe("tab\there\nline 😀");
  });
});

describe("element", () => {
  it("escapes attribute values and leaves out undefined ones", () => {
    expect(element("rect", { x: 1.005, y: -0.001, fill: '"red"', stroke: undefined })).toBe('<rect x="1" y="0" fill="&quot;red&quot;"/>');
  });

  it("nests children", () => {
    expect(element("g", {}, [element("text", { x: 0 }, [text("a<b")])])).toBe('<g><text x="0">a&lt;b</text></g>');
  });
});

describe("formatCoordinate", () => {
  it("rounds to two decimals and never prints -0", () => {
    expect(formatCoordinate(12.3456)).toBe("12.35");
    expect(formatCoordinate(-0.0001)).toBe("0");
    expect(formatCoordinate(40)).toBe("40");
  });
});
