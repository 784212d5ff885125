import { describe, expect, it } from "vitest";
import { maxTableColumns, tableFromRecords } from "./table-from-records.js";

describe("tableFromRecords", () => {
  it("makes columns from the union of keys in first-seen order", () => {
    expect(tableFromRecords([{ a: 1, b: "x" }, { c: true, a: 2 }])).toEqual({
      ok: true,
      value: {
        columns: ["a", "b", "c"],
        rows: [
          [1, "x", null],
          [2, null, true],
        ],
      },
    });
  });

  it("shows nested values as compact JSON and nulls as empty cells", () => {
    const outcome = tableFromRecords([{ tags: ["a", "b"], owner: { id: 1 }, gone: null }]);
    expect(outcome).toEqual({ ok: true, value: { columns: ["tags", "owner", "gone"], rows: [['["a","b"]', '{"id":1}', null]] } });
  });

  it.each([
    [{ a: 1 }, "Expected a JSON array of objects, one object per row."],
    [[{ a: 1 }, [1, 2]], "Row 2 is an array, not an object; expected one object per row."],
    [[null], "Row 1 is null, not an object; expected one object per row."],
    [["text"], "Row 1 is a string, not an object; expected one object per row."],
    [[], "The rows have no keys, so there are no columns to show."],
    [[{}], "The rows have no keys, so there are no columns to show."],
  ])("rejects %j", (value, message) => {
    expect(tableFromRecords(value)).toEqual({ ok: false, message });
  });

  it("rejects more distinct keys than the column cap", () => {
    const wide = Object.fromEntries(Array.from({ length: maxTableColumns + 1 }, (_, index) => [`k${index}`, index]));
    expect(tableFromRecords([wide])).toMatchObject({ ok: false });
  });
});
