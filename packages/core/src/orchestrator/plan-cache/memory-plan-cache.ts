import type { Clock } from "../../ports/clock.js";
import type { PlanGraph } from "../plan-graph.js";
import { planCacheTtlSeconds, type PlanCache } from "./plan-cache.js";

/** The in-process plan cache, for servers without Redis. Bounded: the oldest entry goes first. */
export function createMemoryPlanCache({ clock, maxEntries = 1000, ttlSeconds = planCacheTtlSeconds }: { clock: Clock; maxEntries?: number; ttlSeconds?: number }): PlanCache {
  const entries = new Map<string, { graph: PlanGraph; expiresAt: number }>();
  return {
    get(key) {
      const entry = entries.get(key);
      if (entry && entry.expiresAt <= clock.now().getTime()) entries.delete(key);
      const live = entries.get(key);
      return Promise.resolve(live ? structuredClone(live.graph) : undefined);
    },
    set(key, graph) {
      entries.delete(key);
      entries.set(key, { graph: structuredClone(graph), expiresAt: clock.now().getTime() + ttlSeconds * 1000 });
      for (const oldest of entries.keys()) {
        if (entries.size <= maxEntries) break;
        entries.delete(oldest);
      }
      return Promise.resolve();
    },
  };
}
