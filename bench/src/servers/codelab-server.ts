// The real CodeLab server (tRPC, REST adapter and all middleware), configured as in production.
import { deleteKeysWithPrefix } from "@codelab/core/testing";
import { startServer } from "../../../apps/server/src/server.ts";
import { runServerChild } from "../lib/server-child.js";
import { productionConfig } from "./production-config.js";

await runServerChild(async (options) => {
  const server = await startServer(productionConfig(options));
  const { redis } = server.backends;
  return {
    url: server.url,
    async close() {
      if (redis) await deleteKeysWithPrefix(redis, options.redisKeyPrefix);
      await server.close();
    },
  };
});
