import { maxPageSize } from "@codelab/contracts";

/** The sidebar shows one page of the largest size the API allows; paging comes with the full UI. */
export const projectListInput = { limit: maxPageSize };
