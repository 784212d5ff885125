import { maxPageSize } from "@codelab/contracts";

/** Every item of an offset-paged list, a page of the largest allowed size at a time. */
export async function readAll<Item>(readPage: (page: { limit: number; offset: number }) => Promise<{ items: Item[]; total: number }>): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset = 0; ; offset += maxPageSize) {
    const page = await readPage({ limit: maxPageSize, offset });
    items.push(...page.items);
    if (page.items.length === 0 || offset + maxPageSize >= page.total) return items;
  }
}
