import { describe, expect, it } from "vitest";
import { readAll } from "./read-all.js";

describe("readAll", () => {
  it("reads page after page until the total is reached", async () => {
    const all = Array.from({ length: 250 }, (_, index) => index);
    const offsets: number[] = [];
    const items = await readAll(({ limit, offset }) => {
      offsets.push(offset);
      return Promise.resolve({ items: all.slice(offset, offset + limit), total: all.length });
    });
    expect(items).toEqual(all);
    expect(offsets).toEqual([0, 100, 200]);
  });

  it("stops on an empty page even if the total promised more", async () => {
    const items = await readAll(() => Promise.resolve({ items: [], total: 5 }));
    expect(items).toEqual([]);
  });
});
