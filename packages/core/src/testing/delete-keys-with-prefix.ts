import type { Redis } from "ioredis";

/**
 * The machine's Redis outlives every test and bench run, and event streams idle there for 7 days:
 * whatever uses a key prefix of its own deletes its keys when it is done.
 */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}
