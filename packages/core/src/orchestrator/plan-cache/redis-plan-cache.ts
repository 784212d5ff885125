import type { Redis } from "ioredis";
import { z } from "zod";
import type { PlanGraph } from "../plan-graph.js";
import { planCacheTtlSeconds, type PlanCache } from "./plan-cache.js";

const storedGraph = z.object({
  tasks: z.array(
    z.object({
      taskId: z.string(),
      description: z.string(),
      agent: z.string(),
      dependencies: z.array(z.string()),
      expectedOutput: z.string(),
    }),
  ),
});

/** The plan cache shared by every server instance; Redis expires entries by itself. */
export function createRedisPlanCache({ redis, keyPrefix, ttlSeconds = planCacheTtlSeconds }: { redis: Redis; keyPrefix: string; ttlSeconds?: number }): PlanCache {
  const keyOf = (key: string) => `${keyPrefix}plan-cache:${key}`;
  return {
    async get(key) {
      const stored = await redis.get(keyOf(key));
      if (stored === null) return undefined;
      // Written by an older or newer server version, or by hand: a miss, never a crash.
      const parsed = storedGraph.safeParse(safeJson(stored));
      return parsed.success ? (parsed.data satisfies PlanGraph) : undefined;
    },
    async set(key, graph) {
      await redis.set(keyOf(key), JSON.stringify(graph), "EX", ttlSeconds);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
