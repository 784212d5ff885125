/** Older history is fetched this many messages at a time. */
export const historyPageSize = 30;
/** Refetching the newest page asks for up to this many, so new messages always fit. */
const newestPageLimit = 100;

/** `"newest"` is the last page, wherever the history currently ends. */
export type HistoryPageParam = "newest" | { offset: number; limit: number };

export interface HistoryPage<Item> {
  items: Item[];
  /** Position of the first item in the whole chronological history. */
  offset: number;
  total: number;
}

/** The page before `first`, sized so the two never overlap; none once the history's start is loaded. */
export function olderPageParam(first: HistoryPage<unknown>): HistoryPageParam | undefined {
  if (first.offset === 0) return undefined;
  const offset = Math.max(0, first.offset - historyPageSize);
  return { offset, limit: first.offset - offset };
}

/** The page after `last` (used when all loaded pages are refetched): everything that came after it. */
export function newerPageParam(last: HistoryPage<unknown>): HistoryPageParam | undefined {
  const end = last.offset + last.items.length;
  return end < last.total ? { offset: end, limit: newestPageLimit } : undefined;
}

type ListPage<Item> = (page: { offset: number; limit: number }) => Promise<{ items: Item[]; total: number }>;

/**
 * Fetches one page of a chronological list that can only be read by offset. The newest page is
 * found by reading the start (which is all there is for most chats) and, for longer histories,
 * the end once the total is known.
 */
export async function fetchHistoryPage<Item>(list: ListPage<Item>, param: HistoryPageParam): Promise<HistoryPage<Item>> {
  if (param !== "newest") {
    const page = await list(param);
    return { items: page.items, offset: param.offset, total: page.total };
  }
  const start = await list({ offset: 0, limit: historyPageSize });
  if (start.total <= historyPageSize) return { items: start.items, offset: 0, total: start.total };
  const offset = start.total - historyPageSize;
  const end = await list({ offset, limit: historyPageSize });
  return { items: end.items, offset, total: end.total };
}
