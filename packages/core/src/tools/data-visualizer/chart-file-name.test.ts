import { describe, expect, it } from "vitest";
import { chartPath, slug } from "./chart-file-name.js";

const request = { kind: "bar" as const, x: "month", y: ["revenue"] };

describe("chartPath", () => {
  it("uses the name asked for, made safe, under charts/", () => {
    expect(chartPath({ ...request, name: "Q3 Sales.svg" }, "abc123")).toBe("charts/q3-sales.svg");
  });

  it.each(["../../etc/passwd", "/abs/path", "..\\windows", "a/b/c", ".hidden", "name\u0000.svg", "%2e%2e%2f"])(
    "keeps %j inside charts/ as a plain file name",
    (name) => {
      const path = chartPath({ ...request, name }, "abc123");
      expect(path).toMatch(/^charts\/[a-z0-9_-]+\.svg$/);
    },
  );

  it("makes a name from the title, or from the columns, with a suffix against overwriting", () => {
    expect(chartPath({ ...request, title: "Revenue by Month (2024)" }, "abc123")).toBe("charts/revenue-by-month-2024-abc123.svg");
    expect(chartPath({ ...request, y: ["revenue", "cost"] }, "abc123")).toBe("charts/revenue-cost-by-month-abc123.svg");
    expect(chartPath({ ...request, name: "!!!", title: "???", x: "月", y: ["売上"] }, "abc123")).toBe("charts/bar-abc123.svg");
  });

  it("bounds the length", () => {
    expect(chartPath({ ...request, name: "x".repeat(100) }, "abc123")).toBe(`charts/${"x".repeat(60)}.svg`);
    expect(chartPath({ ...request, title: "y".repeat(100) }, "abc123").length).toBeLessThanOrEqual("charts/".length + 60 + ".svg".length);
  });
});

describe("slug", () => {
  it("drops accents and joins words with dashes", () => {
    expect(slug("  Crème Brûlée — Ventes 2024 ")).toBe("creme-brulee-ventes-2024");
    expect(slug("snake_case-and-kebab")).toBe("snake_case-and-kebab");
  });
});
