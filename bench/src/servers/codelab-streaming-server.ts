// The real CodeLab server, configured as in production, with a bench-only way to publish into its
// event bus (the product server has no such endpoint).
import { loadConfig } from "../../../apps/server/src/config/config.ts";
import { startServer } from "../../../apps/server/src/server.ts";
import { runServerChild } from "../lib/server-child.js";
import { createStreamingControl } from "./streaming-control.js";

await runServerChild(async ({ databaseUrl, redisUrl, redisKeyPrefix, jwtSecret, settings = {} }) => {
  const config = loadConfig({
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    JWT_SECRET_KEY: jwtSecret,
    ...settings,
  });
  const server = await startServer(config);
  return {
    url: server.url,
    close: () => server.close(),
    control: createStreamingControl((session, event) => server.deps.events.publish(session, event)),
  };
});
