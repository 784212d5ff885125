import { describe, expect, it } from "vitest";
import { LruCache } from "./lru-cache.js";

const sized = () => new LruCache<{ size: number }>(10, (value) => value.size);

describe("LruCache", () => {
  it("evicts the least recently used entries once the sizes exceed the bound", () => {
    const cache = sized();
    cache.set("a", { size: 4 });
    cache.set("b", { size: 4 });
    cache.get("a");
    cache.set("c", { size: 4 });
    expect(cache.get("b")).toBeUndefined();
    expect(cache.get("a")).toEqual({ size: 4 });
    expect(cache.get("c")).toEqual({ size: 4 });
  });

  it("re-accounts an entry that grew when it is set again", () => {
    const cache = sized();
    const growing = { size: 2 };
    cache.set("old", { size: 6 });
    cache.set("growing", growing);
    growing.size = 8;
    cache.set("growing", growing);
    expect(cache.get("old")).toBeUndefined();
    expect(cache.get("growing")).toBe(growing);
  });

  it("keeps an entry larger than the whole bound, alone", () => {
    const cache = sized();
    cache.set("small", { size: 1 });
    cache.set("huge", { size: 50 });
    expect(cache.get("small")).toBeUndefined();
    expect(cache.get("huge")).toEqual({ size: 50 });
  });

  it("deletes the entries whose keys match", () => {
    const cache = sized();
    cache.set("user/project-1/a", { size: 1 });
    cache.set("user/project-1/b", { size: 1 });
    cache.set("user/project-2/a", { size: 1 });
    cache.deleteWhere((key) => key.startsWith("user/project-1/"));
    expect([cache.get("user/project-1/a"), cache.get("user/project-1/b")]).toEqual([undefined, undefined]);
    expect(cache.get("user/project-2/a")).toEqual({ size: 1 });
  });
});
