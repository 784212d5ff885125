import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorkspaceFixture, outsideSecret, type WorkspaceFixture } from "../../workspace/testing/workspace-fixture.js";
import type { ToolContext } from "../tool.js";
import { runTool, toolContextFor } from "../tool-support/testing/run-tool.js";
import { dataVisualizerTool } from "./data-visualizer-tool.js";
import { maxChartRows } from "./data-visualizer-input.js";
import { allElements, parseXml, textOf } from "./testing/parse-xml.js";

let fixture: WorkspaceFixture;
let context: ToolContext;

beforeEach(async () => {
  fixture = await createWorkspaceFixture();
  context = toolContextFor(fixture.own);
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

const visualize = (rawArguments: unknown) => runTool(dataVisualizerTool, rawArguments, context);

async function savedSvg(path: string): Promise<string> {
  const file = await fixture.own.read(path, { maxBytes: 10_000_000 });
  return file.content.toString("utf8");
}

const salesCsv = 'month,revenue,cost\r\nJan,1200,800\r\nFeb,1550,"910"\r\nMar,,990\r\nApr,1890,1100\r\n';

describe("data_visualizer", () => {
  it("is a safe tool named data_visualizer", () => {
    expect(dataVisualizerTool).toMatchObject({ name: "data_visualizer", risk: "safe" });
  });

  it("charts a workspace CSV, saves the SVG under charts/ and attaches it", async () => {
    await fixture.own.write("data/sales.csv", Buffer.from(salesCsv));
    const result = await visualize({ path: "data/sales.csv", chart: "bar", x: "month", y: ["revenue", "cost"], title: "Sales 2024", name: "sales" });

    expect(result).toEqual({
      content: [
        "Saved a bar chart to charts/sales.svg (4 rows plotted).",
        "revenue: min 1200 at month Jan, max 1890 at month Apr",
        "cost: min 800 at month Jan, max 1100 at month Apr",
      ].join("\n"),
      attachments: [{ path: "charts/sales.svg", mediaType: "image/svg+xml" }],
    });
    const root = parseXml(await savedSvg("charts/sales.svg"));
    const texts = allElements(root).map(textOf);
    expect(texts).toEqual(expect.arrayContaining(["Sales 2024", "Jan", "Apr", "revenue", "cost"]));
    expect(allElements(root).filter((node) => node.name === "rect" && node.children.length > 0)).toHaveLength(7);
  });

  it("charts inline rows, taking a single y column as a string", async () => {
    const result = await visualize({
      rows: [
        { lang: "TypeScript", files: 120 },
        { lang: "Python", files: 45 },
        { lang: "Go", files: 35 },
      ],
      chart: "pie",
      x: "lang",
      y: "files",
      title: "Files by language",
    });
    expect(result.isError).toBeUndefined();
    expect(result.content).toMatch(/^Saved a pie chart to charts\/files-by-language-[0-9a-f]{6}\.svg \(3 rows plotted\)\.\nfiles: total 200; TypeScript 60\.0%, Python 22\.5%, Go 17\.5%$/);
    const [attachment] = result.attachments ?? [];
    expect(attachment?.path).toMatch(/^charts\/files-by-language-[0-9a-f]{6}\.svg$/);
    expect(parseXml(await savedSvg(attachment?.path ?? "")).name).toBe("svg");
  });

  it("gives each unnamed chart its own file", async () => {
    const rawArguments = { rows: [{ t: 1, v: 2 }, { t: 2, v: 3 }], chart: "line", x: "t", y: ["v"] };
    const first = await visualize(rawArguments);
    const second = await visualize(rawArguments);
    expect(first.attachments?.[0]?.path).toMatch(/^charts\/v-by-t-[0-9a-f]{6}\.svg$/);
    expect(second.attachments?.[0]?.path).not.toBe(first.attachments?.[0]?.path);
    expect((await fixture.own.list("charts")).map((entry) => entry.path)).toHaveLength(2);
  });

  it("keeps hostile labels inert in the saved file", async () => {
    const result = await visualize({
      rows: [
        { "<script>alert(1)</script>": '"><img src=x onerror=alert(1)>', "]]>": 1 },
        { "<script>alert(1)</script>": "<svg onload=alert(2)>", "]]>": 2 },
      ],
      chart: "bar",
      x: "<script>alert(1)</script>",
      y: ["]]>"],
      title: "</title><script>alert(3)</script>",
      name: "hostile",
    });
    expect(result.isError).toBeUndefined();
    const svg = await savedSvg("charts/hostile.svg");
    expect(svg).not.toMatch(/<script|<img|<svg[^>]*onload|\]\]>/i);
    const elements = allElements(parseXml(svg));
    expect(elements.every((node) => [...node.attributes.keys()].every((name) => !name.startsWith("on") && !/href/i.test(name)))).toBe(true);
    expect(elements.map(textOf).join("\n")).toContain('"><img src=x onerror=alert(1)>');
  });

  it.each([
    ["../../evil", "charts/evil.svg"],
    ["..\\evil", "charts/evil.svg"],
    ["evil.svg", "charts/evil.svg"],
    ["/tmp/evil", "charts/tmp-evil.svg"],
    ["sub/dir/evil.svg", "charts/sub-dir-evil.svg"],
  ])("saves a chart named %j as %s inside the workspace", async (name, path) => {
    const result = await visualize({ rows: [{ a: "x", b: 1 }], chart: "bar", x: "a", y: "b", name });
    expect(result.attachments).toEqual([{ path, mediaType: "image/svg+xml" }]);
    expect(existsSync(`${fixture.own.directory}/${path}`)).toBe(true);
    expect(await readdir(`${fixture.own.directory}/charts`)).toEqual([path.slice("charts/".length)]);
    expect(await readdir(fixture.base)).toEqual(["outside", "workspaces"]);
  });

  it.each([
    [{ rows: [{ a: "x", b: 1 }], chart: "bar", x: "a", y: "c" }, 'There is no column "c". The columns are: "a", "b".'],
    [{ rows: [{ a: "x", b: "lots" }], chart: "bar", x: "a", y: "b" }, /^Column "b" holds "lots" in row 1, which is not a number/],
    [{ rows: [{ a: "x", b: 1 }], chart: "scatter", x: "a", y: "b" }, /^A scatter chart needs numbers on the x axis/],
    [{ rows: [{ a: "x", b: 1 }], chart: "pie", x: "a", y: ["b", "a"] }, "A pie chart shows one y column; give exactly one."],
    [{ chart: "bar", x: "a", y: "b" }, "Give the data either inline as `rows` or as a workspace CSV file `path`."],
    [{ rows: [{ a: 1 }], path: "x.csv", chart: "bar", x: "a", y: "b" }, "Give either `rows` or `path`, not both."],
    [{ path: "missing.csv", chart: "bar", x: "a", y: "b" }, "Cannot read missing.csv: File not found"],
  ])("answers %j with an error for the model", async (rawArguments, message) => {
    const result = await visualize(rawArguments);
    expect(result.isError).toBe(true);
    if (typeof message === "string") expect(result.content).toBe(message);
    else expect(result.content).toMatch(message);
    expect(result.attachments).toBeUndefined();
  });

  it("reports a ragged CSV with its line", async () => {
    await fixture.own.write("bad.csv", Buffer.from("a,b\n1,2\n3\n"));
    expect(await visualize({ path: "bad.csv", chart: "line", x: "a", y: "b" })).toMatchObject({ isError: true, content: expect.stringMatching(/^Row 2 \(line 3\)/) as string });
  });

  it("refuses a CSV with more rows than the cap", async () => {
    const rows = Array.from({ length: maxChartRows + 1 }, (_, index) => `${index},${index % 13}`).join("\n");
    await fixture.own.write("huge.csv", Buffer.from(`x,y\n${rows}\n`));
    expect(await visualize({ path: "huge.csv", chart: "scatter", x: "x", y: "y" })).toEqual({
      isError: true,
      content: `The CSV has more than ${maxChartRows} data rows, the most this tool accepts.`,
    });
  });

  it("charts a CSV at the row cap", async () => {
    const rows = Array.from({ length: maxChartRows }, (_, index) => `${index},${Math.sin(index / 100)}`).join("\n");
    await fixture.own.write("wave.csv", Buffer.from(`x,y\n${rows}\n`));
    const result = await visualize({ path: "wave.csv", chart: "line", x: "x", y: "y", name: "wave" });
    expect(result.content).toMatch(/^Saved a line chart to charts\/wave\.svg \(10000 rows plotted\)\./);
    expect(parseXml(await savedSvg("charts/wave.svg")).name).toBe("svg");
  });

  it.each(["../outside/secret.txt", `../${"x".repeat(8)}/notes.txt`, "/etc/passwd"])("cannot read data outside the workspace through %j", async (path) => {
    const result = await visualize({ path, chart: "bar", x: "a", y: "b" });
    expect(result.isError).toBe(true);
    expect(result.content).not.toContain(outsideSecret);
  });

  describe("input schema", () => {
    it("converts to JSON schema with an object at the root", () => {
      const schema = z.toJSONSchema(dataVisualizerTool.inputSchema);
      expect(schema).toMatchObject({ type: "object", required: ["chart", "x", "y"] });
      expect(schema).not.toHaveProperty("oneOf");
      expect(schema).not.toHaveProperty("anyOf");
    });

    it.each([
      [{ rows: [{ a: 1 }], chart: "donut", x: "a", y: "a" }],
      [{ rows: [{ a: 1 }], chart: "bar", y: "a" }],
      [{ rows: [{ a: 1 }], chart: "bar", x: "a", y: [] }],
      [{ rows: [{ a: 1 }], chart: "bar", x: "a", y: Array.from({ length: 9 }, (_, index) => `c${index}`) }],
      [{ rows: [], chart: "bar", x: "a", y: "a" }],
      [{ rows: [{ a: { nested: true } }], chart: "bar", x: "a", y: "a" }],
      [{ rows: Array.from({ length: maxChartRows + 1 }, () => ({ a: 1 })), chart: "bar", x: "a", y: "a" }],
      [{ rows: [{ a: 1 }], chart: "bar", x: "a", y: "a", name: "" }],
    ])("rejects %#", (rawArguments) => {
      expect(dataVisualizerTool.inputSchema.safeParse(rawArguments).success).toBe(false);
    });
  });
});
