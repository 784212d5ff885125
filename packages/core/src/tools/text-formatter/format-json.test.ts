import { describe, expect, it } from "vitest";
import { formatJson } from "./format-json.js";

const defaults = { indent: 2, minify: false, sortKeys: false };

describe("formatJson", () => {
  it("pretty-prints with the given indent", () => {
    expect(formatJson('{"a":[1,{"b":null}]}', defaults)).toEqual({ ok: true, value: '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ]\n}' });
    expect(formatJson('{"a":1}', { ...defaults, indent: 4 })).toEqual({ ok: true, value: '{\n    "a": 1\n}' });
  });

  it("minifies", () => {
    expect(formatJson('{\n  "a" : [ 1, 2 ],\n  "b": "x y"\n}', { ...defaults, minify: true })).toEqual({ ok: true, value: '{"a":[1,2],"b":"x y"}' });
  });

  it("sorts keys at every depth when asked, leaving array order alone", () => {
    expect(formatJson('{"b":1,"a":{"z":1,"y":[{"d":1,"c":2}]}}', { ...defaults, minify: true, sortKeys: true })).toEqual({
      ok: true,
      value: '{"a":{"y":[{"c":2,"d":1}],"z":1},"b":1}',
    });
  });

  it("keeps a top-level scalar", () => {
    expect(formatJson(' "text" ', defaults)).toEqual({ ok: true, value: '"text"' });
  });

  it("warns when a large integer was rounded", () => {
    const outcome = formatJson('{"id": 12345678901234567890}', defaults);
    expect(outcome.ok && outcome.value.startsWith("Warning: 12345678901234567890 is too large")).toBe(true);
  });

  it("reports invalid JSON with its position", () => {
    expect(formatJson("{'a': 1}", defaults)).toMatchObject({ ok: false, message: expect.stringContaining("line 1, column 2") as string });
  });
});
