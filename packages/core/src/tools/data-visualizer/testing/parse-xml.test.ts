import { describe, expect, it } from "vitest";
import { allElements, parseXml, textOf } from "./parse-xml.js";

describe("parseXml (the checker chart tests rely on)", () => {
  it("parses elements, attributes and text, decoding entities", () => {
    const root = parseXml('<svg a="1 &amp; 2"><g><text x="0">a &lt;b&gt; &#65;&#x42;</text><rect/></g></svg>\n');
    expect(allElements(root).map((node) => node.name)).toEqual(["svg", "g", "text", "rect"]);
    expect(root.attributes.get("a")).toBe("1 & 2");
    expect(textOf(root)).toBe("a <b> AB");
  });

  it.each([
    ["<svg><g></svg>", /closes <g>/],
    ["<svg><g>", /never closed/],
    ["<svg></svg><svg></svg>", /second root/],
    ['<svg a="1" a="2"/>', /duplicate attribute/],
    ["<svg>a & b</svg>", /unterminated/],
    ["<svg>&nbsp;</svg>", /unknown entity/],
    ["<svg><!-- x --></svg>", /stray/],
    ["<svg><![CDATA[x]]></svg>", /stray/],
    ["<svg>x]]>y</svg>", /\]\]>/],
    ["<svg a=1/>", /stray/],
    ["<svg>\u0000</svg>", /control character/],
    ["text", /text outside/],
  ])("rejects %j", (source, reason) => {
    expect(() => parseXml(source)).toThrow(reason);
  });
});
