// The real CodeLab server (tRPC, REST adapter and all middleware), configured as in production.
import { loadConfig } from "../../../apps/server/src/config/config.ts";
import { startServer } from "../../../apps/server/src/server.ts";
import { runServerChild } from "../lib/server-child.js";

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
  return startServer(config);
});
