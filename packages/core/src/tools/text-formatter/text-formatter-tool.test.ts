import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createWorkspaceFixture, outsideSecret, siblingSecret, type WorkspaceFixture } from "../../workspace/testing/workspace-fixture.js";
import type { ToolContext } from "../tool.js";
import { runTool, toolContextFor } from "../tool-support/testing/run-tool.js";
import { textFormatterLimits, textFormatterTool } from "./text-formatter-tool.js";

let fixture: WorkspaceFixture;
let context: ToolContext;

beforeEach(async () => {
  fixture = await createWorkspaceFixture();
  context = toolContextFor(fixture.own);
});

afterEach(async () => {
  await fixture[Symbol.asyncDispose]();
});

const format = (rawArguments: unknown) => runTool(textFormatterTool, rawArguments, context);

describe("text_formatter", () => {
  it("is a safe tool named text_formatter", () => {
    expect(textFormatterTool).toMatchObject({ name: "text_formatter", risk: "safe" });
  });

  it.each([
    [{ operation: "markdown_table" }, "a,b\nx,2", "| a   |   b |\n| --- | --: |\n| x   |   2 |"],
    [{ operation: "json_pretty", indent: 4 }, '{"a":1}', '{\n    "a": 1\n}'],
    [{ operation: "json_pretty", minify: true, sort_keys: true }, '{ "b": 1, "a": 2 }', '{"a":2,"b":1}'],
    [{ operation: "json_to_yaml" }, '{"a":[1,2]}', "a:\n  - 1\n  - 2\n"],
    [{ operation: "yaml_to_json" }, "a: [1, 2]", '{\n  "a": [\n    1,\n    2\n  ]\n}'],
    [{ operation: "case", style: "snake" }, "Hello World", "hello_world"],
    [{ operation: "whitespace", max_blank_lines: 1 }, "a  b   \r\n\r\n\r\n\r\nc", "a b\n\nc"],
  ])("applies %j to inline text", async (operation, text, expected) => {
    expect(await format({ text, format: operation })).toEqual({ content: expected });
  });

  it("reads its input from a workspace file", async () => {
    await fixture.own.write("data/people.csv", Buffer.from("\uFEFFname;age\r\nAda;36\r\n"));
    expect(await format({ path: "data/people.csv", format: { operation: "markdown_table" } })).toEqual({
      content: "| name | age |\n| ---- | --: |\n| Ada  |  36 |",
    });
  });

  it("answers invalid input with an error for the model, not an exception", async () => {
    expect(await format({ text: "{oops}", format: { operation: "json_pretty" } })).toMatchObject({
      isError: true,
      content: expect.stringMatching(/^The input is not valid JSON \(line 1, column 2\)/) as string,
    });
    expect(await format({ text: "a,b\n1", format: { operation: "markdown_table" } })).toEqual({
      isError: true,
      content: "Row 1 (line 2) has 1 fields but the header has 2. The comma is the delimiter here; quote fields that contain it.",
    });
    expect(await format({ text: "a: 1\na: 2", format: { operation: "yaml_to_json" } })).toMatchObject({ isError: true });
  });

  it("needs exactly one of text and path", async () => {
    expect(await format({ format: { operation: "case", style: "upper" } })).toMatchObject({ isError: true, content: expect.stringContaining("either inline") as string });
    await fixture.own.write("a.txt", Buffer.from("x"));
    expect(await format({ text: "x", path: "a.txt", format: { operation: "case", style: "upper" } })).toMatchObject({
      isError: true,
      content: "Give either `text` or `path`, not both.",
    });
  });

  it("reports a missing file", async () => {
    expect(await format({ path: "nope.json", format: { operation: "json_pretty" } })).toEqual({ isError: true, content: "Cannot read nope.json: File not found" });
  });

  it.each(["../outside/secret.txt", "../../outside/secret.txt", "/etc/passwd", "..\\outside\\secret.txt", "secret.txt/../../secret.txt"])(
    "cannot read outside the project's workspace through %j",
    async (path) => {
      const result = await format({ path, format: { operation: "case", style: "lower" } });
      expect(result.isError).toBe(true);
      expect(result.content).not.toContain(outsideSecret.toLowerCase());
    },
  );

  it("cannot read a sibling project's files", async () => {
    const result = await format({ path: `../${fixture.sibling.projectId}/notes.txt`, format: { operation: "case", style: "upper" } });
    expect(result.isError).toBe(true);
    expect(result.content).not.toContain(siblingSecret.toUpperCase());
  });

  it("refuses a file over its size cap instead of formatting half of it", async () => {
    await fixture.own.write("big.json", Buffer.alloc(textFormatterLimits.maxFileBytes + 1, "1"));
    expect(await format({ path: "big.json", format: { operation: "json_pretty" } })).toEqual({
      isError: true,
      content: `The file big.json is ${textFormatterLimits.maxFileBytes + 1} bytes; this tool reads files of at most ${textFormatterLimits.maxFileBytes} bytes.`,
    });
  });

  it("refuses a file that is not UTF-8 text", async () => {
    await fixture.own.write("image.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]));
    expect(await format({ path: "image.png", format: { operation: "case", style: "upper" } })).toEqual({ isError: true, content: "The file image.png is not UTF-8 text." });
  });

  it("caps the result and says it did", async () => {
    const text = "word ".repeat(30_000);
    const result = await format({ text, format: { operation: "case", style: "upper" } });
    expect(result.content.length).toBeLessThanOrEqual(textFormatterLimits.maxResultChars);
    expect(result.content).toMatch(/… \[truncated: \d+ more characters\]$/);
  });

  describe("input schema", () => {
    it("converts to JSON schema with an object at the root, as function-calling APIs require", () => {
      const schema = z.toJSONSchema(textFormatterTool.inputSchema);
      expect(schema).toMatchObject({ type: "object", required: ["format"] });
      expect(schema).not.toHaveProperty("oneOf");
      expect(schema).not.toHaveProperty("anyOf");
      expect(JSON.stringify(schema)).toContain('"const":"markdown_table"');
    });

    it.each([
      [{ text: "x" }],
      [{ text: "x", format: { operation: "rot13" } }],
      [{ text: "x", format: { operation: "case", style: "sarcastic" } }],
      [{ text: "x", format: { operation: "json_pretty", indent: 20 } }],
      [{ text: "x", format: { operation: "whitespace", max_blank_lines: -1 } }],
      [{ text: 42, format: { operation: "case", style: "upper" } }],
      [{ text: "x".repeat(200_001), format: { operation: "case", style: "upper" } }],
      [{ path: "", format: { operation: "case", style: "upper" } }],
    ])("rejects %j", (rawArguments) => {
      expect(textFormatterTool.inputSchema.safeParse(rawArguments).success).toBe(false);
    });
  });
});
