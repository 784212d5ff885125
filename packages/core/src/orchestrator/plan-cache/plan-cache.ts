import type { PlanGraph } from "../plan-graph.js";

/** Plan structures of successful plans, under keys from `planCacheKey`; entries expire after a day. */
export interface PlanCache {
  get(key: string): Promise<PlanGraph | undefined>;
  set(key: string, graph: PlanGraph): Promise<void>;
}

export const planCacheTtlSeconds = 24 * 60 * 60;
