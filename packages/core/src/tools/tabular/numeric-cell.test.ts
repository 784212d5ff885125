import { describe, expect, it } from "vitest";
import { isEmptyCell, parseNumericCell } from "./numeric-cell.js";

describe("parseNumericCell", () => {
  it.each([
    ["42", 42],
    ["-3.5", -3.5],
    ["+7", 7],
    [".5", 0.5],
    ["5.", 5],
    ["1e6", 1_000_000],
    ["2.5E-3", 0.0025],
    ["  12  ", 12],
    ["007", 7],
  ])("reads %j as %d", (cell, expected) => {
    expect(parseNumericCell(cell)).toBe(expected);
  });

  it.each(["", " ", "abc", "1,234", "$5", "12%", "1.2.3", "0x1F", "Infinity", "NaN", "1e400", "-", "."])("finds no number in %j", (cell) => {
    expect(parseNumericCell(cell)).toBeUndefined();
  });

  it("keeps finite numbers and rejects non-finite ones, booleans and nulls", () => {
    expect(parseNumericCell(3.25)).toBe(3.25);
    expect(parseNumericCell(Number.NaN)).toBeUndefined();
    expect(parseNumericCell(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(parseNumericCell(true)).toBeUndefined();
    expect(parseNumericCell(null)).toBeUndefined();
  });
});

describe("isEmptyCell", () => {
  it("treats null and blank strings as empty, and zero or false as values", () => {
    expect(isEmptyCell(null)).toBe(true);
    expect(isEmptyCell("  ")).toBe(true);
    expect(isEmptyCell(0)).toBe(false);
    expect(isEmptyCell(false)).toBe(false);
    expect(isEmptyCell("x")).toBe(false);
  });
});
