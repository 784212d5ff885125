import { describe, expect, it } from "vitest";
import { findUnsafeIntegers, unsafeIntegerWarning } from "./unsafe-integers.js";

describe("findUnsafeIntegers", () => {
  it("finds integers beyond 2^53 and ignores safe ones", () => {
    expect(findUnsafeIntegers('{"id": 12345678901234567890, "n": 9007199254740991, "m": -9007199254740993}')).toEqual([
      "12345678901234567890",
      "-9007199254740993",
    ]);
  });

  it("ignores digits inside strings, including after escaped quotes", () => {
    expect(findUnsafeIntegers('{"id": "12345678901234567890", "q": "say \\"99999999999999999999\\""}')).toEqual([]);
  });

  it("ignores decimals and exponents, which are approximate by nature", () => {
    expect(findUnsafeIntegers("[1.12345678901234567890, 1e30, 123456789012345678.5]")).toEqual([]);
  });

  it("stops after the limit", () => {
    expect(findUnsafeIntegers("[99999999999999999, 99999999999999999, 99999999999999999]", 2)).toHaveLength(2);
  });
});

describe("unsafeIntegerWarning", () => {
  it("names the rounded literals", () => {
    expect(unsafeIntegerWarning(["123456789012345678"])).toBe(
      "Warning: 123456789012345678 is too large to be kept exactly and was rounded; store such ids as strings.\n\n",
    );
  });
});
