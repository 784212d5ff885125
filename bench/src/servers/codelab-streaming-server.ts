// The real CodeLab server, configured as in production, with a bench-only way to publish into its
// event bus (the product server has no such endpoint).
import { deleteKeysWithPrefix } from "@codelab/core/testing";
import { startServer } from "../../../apps/server/src/server.ts";
import { runServerChild } from "../lib/server-child.js";
import { productionConfig } from "./production-config.js";
import { createStreamingControl } from "./streaming-control.js";

await runServerChild(async (options) => {
  const server = await startServer(productionConfig(options));
  const { redis } = server.backends;
  return {
    url: server.url,
    async close() {
      if (redis) await deleteKeysWithPrefix(redis, options.redisKeyPrefix);
      await server.close();
    },
    control: createStreamingControl((session, event) => server.deps.events.publish(session, event)),
  };
});
