import { describe, expect, it } from "vitest";
import { jsonToYaml, yamlToJson } from "./convert-yaml.js";

describe("jsonToYaml", () => {
  it("turns JSON into block YAML with the given indent", () => {
    expect(jsonToYaml('{"name":"api","ports":[80,443],"tls":{"enabled":true,"cert":null}}', 2)).toEqual({
      ok: true,
      value: "name: api\nports:\n  - 80\n  - 443\ntls:\n  enabled: true\n  cert: null\n",
    });
  });

  it("quotes strings YAML would otherwise read as something else", () => {
    const outcome = jsonToYaml('{"a":"true","b":"123","c":"x: y","d":"","e":"- item"}', 2);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(yamlToJson(outcome.value, 0)).toEqual({ ok: true, value: '{"a":"true","b":"123","c":"x: y","d":"","e":"- item"}' });
  });

  it("keeps long strings on one line", () => {
    const long = "word ".repeat(40).trim();
    expect(jsonToYaml(JSON.stringify({ long }), 2)).toEqual({ ok: true, value: `long: ${long}\n` });
  });

  it("reports invalid JSON", () => {
    expect(jsonToYaml("{a: 1}", 2)).toMatchObject({ ok: false, message: expect.stringMatching(/^The input is not valid JSON/) as string });
  });
});

describe("yamlToJson", () => {
  it("turns YAML into pretty JSON", () => {
    expect(yamlToJson("name: api\nports:\n  - 80\n  - 443\nanchors: &base {x: 1}\ncopy: *base\n", 2)).toEqual({
      ok: true,
      value: '{\n  "name": "api",\n  "ports": [\n    80,\n    443\n  ],\n  "anchors": {\n    "x": 1\n  },\n  "copy": {\n    "x": 1\n  }\n}',
    });
  });

  it("turns several documents into an array", () => {
    expect(yamlToJson("a: 1\n---\nb: 2\n", 0)).toEqual({ ok: true, value: '[{"a":1},{"b":2}]' });
  });

  it("reads a scalar and an empty document", () => {
    expect(yamlToJson("hello", 2)).toEqual({ ok: true, value: '"hello"' });
    expect(yamlToJson("---\n", 2)).toEqual({ ok: true, value: "null" });
  });

  it("reports syntax errors with their line and column", () => {
    const outcome = yamlToJson("key: value\n  bad: indent\n", 2);
    expect(outcome).toMatchObject({ ok: false, message: expect.stringMatching(/^The input is not valid YAML: .* at line 1, column 6/) as string });
  });

  it("rejects duplicate keys instead of keeping the last", () => {
    expect(yamlToJson("a: 1\na: 2\n", 2)).toMatchObject({ ok: false, message: expect.stringContaining("Map keys must be unique") as string });
  });

  it("names the document that failed when there are several", () => {
    expect(yamlToJson("a: 1\n---\nb: [1,\n", 2)).toMatchObject({ ok: false, message: expect.stringContaining("(document 2)") as string });
  });

  it("refuses values JSON cannot hold", () => {
    expect(yamlToJson("limits:\n  max: .inf\n", 2)).toEqual({
      ok: false,
      message: "The YAML value at $.limits.max is infinite or not a number, which JSON cannot represent.",
    });
  });

  it("refuses an alias bomb rather than expanding it", () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const current = String.fromCharCode(97 + level);
      levels.push(`${current}: &${current} [${Array.from({ length: 9 }, () => `*${previous}`).join(",")}]`);
    }
    expect(yamlToJson(levels.join("\n"), 0)).toMatchObject({ ok: false, message: expect.stringContaining("cannot be converted") as string });
  });

  it("rejects empty input", () => {
    expect(yamlToJson("", 2)).toEqual({ ok: false, message: "The YAML is empty." });
  });
});
