import { describe, expect, it } from "vitest";
import { fetchHistoryPage, historyPageSize, newerPageParam, olderPageParam } from "./history-pages.js";

function history(size: number) {
  const all = Array.from({ length: size }, (_, index) => index);
  const calls: Array<{ offset: number; limit: number }> = [];
  const list = (page: { offset: number; limit: number }) => {
    calls.push(page);
    return Promise.resolve({ items: all.slice(page.offset, page.offset + page.limit), total: all.length });
  };
  return { list, calls };
}

describe("fetchHistoryPage", () => {
  it("reads a short chat in one call", async () => {
    const { list, calls } = history(5);
    expect(await fetchHistoryPage(list, "newest")).toEqual({ items: [0, 1, 2, 3, 4], offset: 0, total: 5 });
    expect(calls).toHaveLength(1);
  });

  it("finds the newest page of a long chat", async () => {
    const { list } = history(75);
    const page = await fetchHistoryPage(list, "newest");
    expect(page.offset).toBe(75 - historyPageSize);
    expect(page.items.at(-1)).toBe(74);
    expect(page.items).toHaveLength(historyPageSize);
  });
});

describe("olderPageParam", () => {
  it("asks for the messages just before the first page, without overlap", async () => {
    const { list } = history(75);
    const newest = await fetchHistoryPage(list, "newest");
    const older = olderPageParam(newest);
    expect(older).toEqual({ offset: 15, limit: 30 });
    const oldest = await fetchHistoryPage(list, older ?? "newest");
    expect(olderPageParam(oldest)).toEqual({ offset: 0, limit: 15 });
    expect(olderPageParam({ items: [0], offset: 0, total: 75 })).toBeUndefined();
  });
});

describe("newerPageParam", () => {
  it("asks for whatever came after the last page, and nothing once it reaches the end", () => {
    expect(newerPageParam({ items: [10, 11], offset: 10, total: 14 })).toEqual({ offset: 12, limit: 100 });
    expect(newerPageParam({ items: [10, 11], offset: 10, total: 12 })).toBeUndefined();
  });
});
