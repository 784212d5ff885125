import { join } from "node:path";
import { Redis } from "ioredis";
import { createDatabase, migrate, type Database } from "@codelab/db";
import { startEmbeddedPostgres } from "@codelab/db/embedded";
import type { Config } from "../config/config.js";
import type { Logger } from "../logging/logger.js";

export interface Backends {
  db: Database;
  redis: Redis | undefined;
  /** What is in use, for the start-up banner. */
  description: { database: string; redis: string };
  close(): Promise<void>;
}

/** Connects to the configured services, or starts the embedded defaults, and migrates the database. */
export async function openBackends(config: Config, logger: Logger): Promise<Backends> {
  const closers: Array<() => Promise<unknown>> = [];
  let connectionString = config.DATABASE_URL;
  let databaseDescription = "PostgreSQL (DATABASE_URL)";
  if (!connectionString) {
    const dataDirectory = join(config.dataDirectory, "data");
    const embedded = await startEmbeddedPostgres({ dataDirectory });
    closers.push(() => embedded.stop());
    connectionString = embedded.connectionString;
    databaseDescription = `embedded PostgreSQL (PGlite) in ${dataDirectory}`;
  }
  await migrate({ connectionString });
  // PGlite runs one query at a time, so more connections of our own would only queue on its
  // socket server (which keeps room for processes that join it, such as the token CLI): the
  // embedded default gets one, and no prepared statements: its connections share one session, so a
  // new connection's statement names would collide with those an earlier one left behind.
  const db = config.DATABASE_URL
    ? createDatabase({ connectionString, preparedStatements: config.DATABASE_PREPARED_STATEMENTS })
    : createDatabase({ connectionString, maxConnections: 1, preparedStatements: false });
  closers.unshift(() => db.$disconnect());

  let redis: Redis | undefined;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 2, enableAutoPipelining: true });
    const client = redis;
    // ioredis reconnects by itself; without a listener every failed attempt is an "unhandled error event".
    client.on("error", (error: Error) => logger.warn("redis connection error", { error: error.message }));
    closers.unshift(() => client.quit());
  }
  return {
    db,
    redis,
    description: {
      database: databaseDescription,
      redis: config.REDIS_URL ? "Redis (REDIS_URL)" : "in-process (no REDIS_URL)",
    },
    async close() {
      for (const close of closers) await close();
    },
  };
}
