import { describe, expect, it } from "vitest";
import { isAppError } from "@codelab/core";
import { assertStorableInput, maxInputDepth } from "./assert-storable-input.js";

function refusal(input: unknown) {
  try {
    assertStorableInput(input);
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  return undefined;
}

/** `levels` objects, each inside the previous one's `inner`. */
function nested(levels: number): unknown {
  let value: unknown = "leaf";
  for (let level = 0; level < levels; level += 1) value = { inner: value };
  return value;
}

describe("assertStorableInput", () => {
  it("accepts ordinary input, paired surrogates (emoji) included", () => {
    expect(refusal({ name: "Project 🚀", tags: ["a", "b"], limit: 3, empty: null })).toBeUndefined();
    expect(refusal(undefined)).toBeUndefined();
  });

  it("refuses a NUL character, naming the field", () => {
    expect(refusal({ metadata: { note: "a\u0000b" } })).toEqual({
      code: "VALIDATION_FAILED",
      details: { fields: [{ field: "metadata.note", message: expect.stringContaining("NUL") as string }] },
    });
  });

  it("refuses an unpaired surrogate in a value and a NUL in a key", () => {
    expect(refusal({ topic: "\ud800" })?.details).toMatchObject({ fields: [{ field: "topic" }] });
    expect(refusal({ metadata: { "bad\u0000key": 1 } })?.details).toMatchObject({ fields: [{ field: "metadata.bad\u0000key" }] });
  });

  it(`accepts ${maxInputDepth} levels of nesting and refuses one more`, () => {
    expect(refusal(nested(maxInputDepth))).toBeUndefined();
    expect(refusal(nested(maxInputDepth + 1))?.code).toBe("VALIDATION_FAILED");
  });

  it("refuses nesting far beyond the stack's reach without overflowing", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;

    expect(refusal(deep)?.code).toBe("VALIDATION_FAILED");
  });
});
