import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteKeysWithPrefix } from "../../testing/delete-keys-with-prefix.js";
import { planCacheTtlSeconds } from "./plan-cache.js";
import { createRedisPlanCache } from "./redis-plan-cache.js";

const redis = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
const keyPrefix = `codelab-test:${randomUUID()}:`;
const cache = createRedisPlanCache({ redis, keyPrefix });
const graph = { tasks: [{ taskId: "t1", description: "Write", agent: "Writer", dependencies: [], expectedOutput: "A page" }] };

afterAll(async () => {
  await deleteKeysWithPrefix(redis, keyPrefix);
  await redis.quit();
});

describe("the Redis plan cache", () => {
  it("stores a structure under the namespaced key for a day", async () => {
    await cache.set("key-1", graph);

    expect(await cache.get("key-1")).toEqual(graph);
    const ttl = await redis.ttl(`${keyPrefix}plan-cache:key-1`);
    expect(ttl).toBeGreaterThan(planCacheTtlSeconds - 60);
    expect(ttl).toBeLessThanOrEqual(planCacheTtlSeconds);
  });

  it("misses a key it never stored, and treats an unreadable entry as a miss", async () => {
    await redis.set(`${keyPrefix}plan-cache:garbled`, "{not json");
    await redis.set(`${keyPrefix}plan-cache:other-shape`, JSON.stringify({ steps: [] }));

    expect(await cache.get("absent")).toBeUndefined();
    expect(await cache.get("garbled")).toBeUndefined();
    expect(await cache.get("other-shape")).toBeUndefined();
  });
});
