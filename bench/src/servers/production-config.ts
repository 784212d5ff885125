import { loadConfig, type Config } from "../../../apps/server/src/config/config.ts";
import type { BenchServerOptions } from "../lib/server-protocol.js";

/** The CodeLab server's configuration as production would set it, on the bench's database and Redis. */
export function productionConfig({ databaseUrl, redisUrl, redisKeyPrefix, jwtSecret, settings = {} }: BenchServerOptions): Config {
  return loadConfig({
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
}
