import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { createTestDatabase } from "@codelab/db/testing";
import type { Clock } from "@codelab/core";
import { deleteKeysWithPrefix } from "@codelab/core/testing";
import { loadConfig } from "../config/config.js";
import { startServer, type RunningServer } from "../server.js";

export interface TestServer extends RunningServer {
  databaseUrl: string;
  jwtSecret: string;
  /** The server's workspace root: a fresh temporary directory, removed on close. */
  workspaceRoot: string;
  [Symbol.asyncDispose](): Promise<void>;
}

export const testRedisUrl = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export interface StartTestServerOptions {
  env?: Record<string, string>;
  clock?: Clock;
  /** Without Redis the server uses its in-process implementations. */
  redis?: boolean;
}

/** The machine's Redis outlives every test run: a server leaves nothing of its own behind. */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    await redis.quit();
  }
}

/** A real server on a random port, with its own fresh database and its own Redis key namespace. */
export async function startTestServer({ env = {}, clock, redis = true }: StartTestServerOptions = {}): Promise<TestServer> {
  const database = await createTestDatabase();
  await database.db.$disconnect();
  const jwtSecret = randomBytes(32).toString("hex");
  const workspaceRoot = await mkdtemp(join(tmpdir(), "codelab-workspaces-"));
  const ownKeyPrefix = `codelab-test:${randomBytes(6).toString("hex")}:`;
  const config = loadConfig({
    NODE_ENV: "test",
    LOG_LEVEL: "silent",
    PORT: "0",
    DATABASE_URL: database.connectionString,
    JWT_SECRET_KEY: jwtSecret,
    REDIS_KEY_PREFIX: ownKeyPrefix,
    WEB_DIST_DIR: "/nonexistent",
    WORKSPACE_ROOT: workspaceRoot,
    ...(redis ? { REDIS_URL: testRedisUrl } : {}),
    ...env,
  });
  const server = await startServer(config, { clock });
  const close = async () => {
    await server.close();
    // A namespace shared with other servers (set through `env`) is theirs to keep; a Redis set through `env` may be down on purpose.
    if (config.REDIS_URL === testRedisUrl && config.REDIS_KEY_PREFIX === ownKeyPrefix) await deleteRedisKeys(testRedisUrl, ownKeyPrefix);
    await database.drop();
    await rm(workspaceRoot, { recursive: true, force: true });
  };
  return { ...server, databaseUrl: database.connectionString, jwtSecret, workspaceRoot, close, [Symbol.asyncDispose]: close };
}
