// The real CodeLab server, configured as in production, with a bench-only way to publish into its
// event bus (the product server has no such endpoint).
import { startServer } from "../../../apps/server/src/server.ts";
import { runServerChild } from "../lib/server-child.js";
import { productionConfig } from "./production-config.js";
import { createStreamingControl } from "./streaming-control.js";

type Server = Awaited<ReturnType<typeof startServer>>;

/** A run's event streams would otherwise stay in Redis for their 7-day idle expiry: hundreds of MB per run. */
async function deleteBenchKeys({ backends: { redis } }: Server, prefix: string): Promise<void> {
  if (!redis) return;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 1_000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== "0");
}

await runServerChild(async (options) => {
  const server = await startServer(productionConfig(options));
  return {
    url: server.url,
    async close() {
      await deleteBenchKeys(server, options.redisKeyPrefix);
      await server.close();
    },
    control: createStreamingControl((session, event) => server.deps.events.publish(session, event)),
  };
});
