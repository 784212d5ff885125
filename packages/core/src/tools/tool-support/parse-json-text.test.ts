import { describe, expect, it } from "vitest";
import { parseJsonText } from "./parse-json-text.js";

describe("parseJsonText", () => {
  it("parses valid JSON", () => {
    expect(parseJsonText('{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it("says on which line and column invalid JSON breaks", () => {
    const outcome = parseJsonText('{\n  "a": 1,\n  "b" 2\n}');
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.message).toMatch(/^The input is not valid JSON \(line 3, column 7\): /);
  });

  it("rejects empty input with a message instead of throwing", () => {
    const outcome = parseJsonText("");
    expect(outcome).toMatchObject({ ok: false });
  });
});
