import { describe, expect, it } from "vitest";
import { summarizeToolInput } from "./summarize-tool-input.js";

describe("summarizeToolInput", () => {
  it("names the language and the code's first line", () => {
    expect(summarizeToolInput({ language: "python", code: "\n# sum\nprint(1 + 2)\n" })).toBe("python · # sum");
  });

  it("names a chart's kind and title, and a formatter's operation", () => {
    expect(summarizeToolInput({ chart: "bar", x: "month", y: "sales", title: "Monthly sales", rows: [{ month: "Jan", sales: 1 }] })).toBe(
      "bar chart · Monthly sales",
    );
    expect(summarizeToolInput({ text: "a,b\n1,2", format: { operation: "markdown_table" } })).toBe("markdown_table · a,b");
    expect(summarizeToolInput({ path: "data/sales.csv" })).toBe("data/sales.csv");
  });

  it("falls back to compact JSON and stays on one short line", () => {
    expect(summarizeToolInput({ limit: 3 })).toBe('{"limit":3}');
    const long = summarizeToolInput({ language: "javascript", code: `console.log("${"x".repeat(200)}")` }, 40);
    expect(long).toHaveLength(40);
    expect(long.endsWith("…")).toBe(true);
    expect(summarizeToolInput(undefined)).toBe("");
  });
});
