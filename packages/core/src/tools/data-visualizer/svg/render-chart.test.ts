import { describe, expect, it } from "vitest";
import type { ChartData, ChartRow } from "../chart-data.js";
import { allElements, parseXml, textOf, type XmlElement } from "../testing/parse-xml.js";
import { renderChart } from "./render-chart.js";
import { estimateTextWidth } from "./text-metrics.js";

const allowedElements = new Set(["svg", "title", "desc", "g", "rect", "line", "path", "circle", "text"]);

function chart(overrides: Partial<ChartData> & { rows: ChartRow[] }): ChartData {
  return { kind: "bar", title: "Sales", xLabel: "month", seriesNames: ["revenue"], xNumeric: false, rowsSkipped: 0, ...overrides };
}

const months: ChartRow[] = [
  { x: "Jan", values: [12, 4], rowNumber: 1 },
  { x: "Feb", values: [18.5, null], rowNumber: 2 },
  { x: "Mar", values: [-3, 9], rowNumber: 3 },
];

/** Parses the SVG (throwing on malformed markup) and checks it can only draw. */
function inertSvg(svg: string): XmlElement[] {
  const root = parseXml(svg);
  expect(root.name).toBe("svg");
  expect(root.attributes.get("xmlns")).toBe("http://www.w3.org/2000/svg");
  const elements = allElements(root);
  for (const node of elements) {
    expect(allowedElements.has(node.name), `unexpected <${node.name}>`).toBe(true);
    for (const [name, value] of node.attributes) {
      expect(name.toLowerCase().startsWith("on"), `event handler ${name}`).toBe(false);
      expect(name, "no links").not.toMatch(/href|src/i);
      expect(value, "no external references").not.toMatch(/url\(|javascript:/i);
    }
  }
  return elements;
}

const named = (elements: XmlElement[], name: string) => elements.filter((node) => node.name === name);

describe("renderChart", () => {
  it("draws one bar per value, a legend for several series, and round y ticks", () => {
    const elements = inertSvg(renderChart(chart({ seriesNames: ["revenue", "cost"], rows: months })));
    const bars = named(elements, "rect").filter((node) => node.children.some((child) => typeof child !== "string" && child.name === "title"));
    expect(bars).toHaveLength(5);
    const texts = named(elements, "text").map(textOf);
    expect(texts).toEqual(expect.arrayContaining(["Sales", "Jan", "Feb", "Mar", "revenue", "cost", "month", "0", "-5", "20"]));
    expect(texts.filter((label) => /^-?\d+$/.test(label)).map(Number).every((tick) => tick % 5 === 0)).toBe(true);
  });

  it("measures bars from zero, below the axis for negative values", () => {
    const elements = inertSvg(renderChart(chart({ rows: [{ x: "a", values: [10], rowNumber: 1 }, { x: "b", values: [-10], rowNumber: 2 }] })));
    const [positive, negative] = named(elements, "rect").filter((node) => node.children.length > 0);
    const bottomOf = (node?: XmlElement) => Number(node?.attributes.get("y")) + Number(node?.attributes.get("height"));
    expect(bottomOf(positive)).toBeCloseTo(Number(negative?.attributes.get("y")), 1);
    expect(Number(positive?.attributes.get("height"))).toBeCloseTo(Number(negative?.attributes.get("height")), 1);
  });

  it("draws a line per series with a gap where a value is missing", () => {
    const elements = inertSvg(renderChart(chart({ kind: "line", seriesNames: ["revenue", "cost"], rows: months })));
    const paths = named(elements, "path").map((node) => node.attributes.get("d") ?? "");
    expect(paths).toHaveLength(2);
    expect(paths[0]?.match(/[ML]/g)).toEqual(["M", "L", "L"]);
    expect(paths[1]?.match(/[ML]/g)).toEqual(["M", "M"]);
  });

  it("places numeric x by value on a nice scale", () => {
    const rows: ChartRow[] = [1, 2, 10].map((x, index) => ({ x, values: [x * 2], rowNumber: index + 1 }));
    const elements = inertSvg(renderChart(chart({ kind: "line", xNumeric: true, xLabel: "t", rows })));
    const [path] = named(elements, "path");
    const xs = [...(path?.attributes.get("d") ?? "").matchAll(/[ML]([\d.]+) /g)].map((match) => Number(match[1]));
    expect(xs).toHaveLength(3);
    const [first = 0, second = 0, third = 0] = xs;
    expect((third - first) / (second - first)).toBeCloseTo(9, 5);
    expect(named(elements, "text").map(textOf)).toEqual(expect.arrayContaining(["0", "2", "10"]));
  });

  it("draws one point per value in a scatter chart", () => {
    const rows: ChartRow[] = Array.from({ length: 40 }, (_, index) => ({ x: index, values: [index % 7], rowNumber: index + 1 }));
    const elements = inertSvg(renderChart(chart({ kind: "scatter", xNumeric: true, rows })));
    expect(named(elements, "circle")).toHaveLength(40);
  });

  it("draws pie slices with their shares in the legend, and a whole pie as a circle", () => {
    const rows: ChartRow[] = [
      { x: "a", values: [1], rowNumber: 1 },
      { x: "b", values: [3], rowNumber: 2 },
    ];
    const elements = inertSvg(renderChart(chart({ kind: "pie", rows })));
    expect(named(elements, "path")).toHaveLength(2);
    expect(named(elements, "text").map(textOf)).toEqual(expect.arrayContaining(["a — 25.0%", "b — 75.0%"]));
    const whole = inertSvg(renderChart(chart({ kind: "pie", rows: [{ x: "all", values: [5], rowNumber: 1 }] })));
    expect(named(whole, "circle")).toHaveLength(1);
    expect(named(whole, "path")).toHaveLength(0);
  });

  it("names the chart for screen readers even without a title", () => {
    const root = parseXml(renderChart(chart({ title: undefined, rows: months.slice(0, 1) })));
    const title = root.children.find((child) => typeof child !== "string" && child.name === "title");
    expect(title && typeof title !== "string" ? textOf(title) : "").toBe("Bar chart of revenue by month");
  });

  it("slants and thins out category labels that would overlap", () => {
    const rows: ChartRow[] = Array.from({ length: 100 }, (_, index) => ({ x: `category number ${index}`, values: [index], rowNumber: index + 1 }));
    const elements = inertSvg(renderChart(chart({ rows })));
    const slanted = named(elements, "text").filter((node) => node.attributes.get("transform")?.startsWith("rotate(-40"));
    expect(slanted.length).toBeGreaterThan(10);
    expect(slanted.length).toBeLessThan(100);
    expect(new Set(slanted.map(textOf)).size).toBe(slanted.length);
    // A slanted label hangs to the left of its anchor; the first must stay inside the image.
    const overhang = Math.cos((40 * Math.PI) / 180) * estimateTextWidth(textOf(slanted[0] as XmlElement), 11);
    expect(Number(slanted[0]?.attributes.get("x")) - overhang).toBeGreaterThanOrEqual(0);
  });

  describe("with hostile labels", () => {
    const hostile = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "]]><svg onload=alert(1)>", "&amp; &#0; \u0000\u001b"];

    it.each(["bar", "line", "scatter", "pie"] as const)("keeps them as inert text in a %s chart", (kind) => {
      const rows: ChartRow[] = hostile.map((label, index) => ({ x: kind === "scatter" ? index : label, values: [index + 1, index], rowNumber: index + 1 }));
      const svg = renderChart(
        chart({ kind, title: hostile[0], xLabel: hostile[1] ?? "", seriesNames: kind === "pie" ? [hostile[2] ?? ""] : hostile.slice(2, 4), xNumeric: kind === "scatter", rows }),
      );
      const elements = inertSvg(svg);
      expect(svg).not.toMatch(/<script|<img|<svg[^>]*onload|\]\]>/i);
      const texts = elements.map(textOf).join("\n");
      expect(texts).toContain("<script>alert(1)</script>");
      expect(texts).toContain("&amp; &#0;");
    });
  });
});
