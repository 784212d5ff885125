import { deleteKeysWithPrefix } from "@codelab/core/testing";
import { startServer } from "../../../apps/server/src/server.ts";
import type { BenchServerOptions } from "../lib/server-protocol.js";
import { productionConfig } from "./production-config.js";

/** The real CodeLab server, configured as in production; closing it also deletes the run's Redis keys. */
export async function startProductionServer(options: BenchServerOptions) {
  const server = await startServer(productionConfig(options));
  const { redis } = server.backends;
  return {
    server,
    url: server.url,
    async close() {
      if (redis) await deleteKeysWithPrefix(redis, options.redisKeyPrefix);
      await server.close();
    },
  };
}
