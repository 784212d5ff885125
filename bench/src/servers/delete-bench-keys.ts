import type { Redis } from "ioredis";

/**
 * A run's event streams would otherwise stay in the machine's Redis for their 7-day idle expiry
 * (hundreds of MB over a few runs), and every later run and test would share Redis with them.
 */
export async function deleteBenchKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}
