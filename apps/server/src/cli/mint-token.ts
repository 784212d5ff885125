import { parseArgs } from "node:util";
import { createTokenService, systemClock } from "@codelab/core";
import { openBackends } from "../composition/backends.js";
import { createLogger } from "../logging/logger.js";
import { ConfigError, loadConfig } from "../config/config.js";
import { resolveJwtSecret } from "../config/jwt-secret.js";

// Mints an access token for scripts: `npm run token -- --email a@b.c [--ttl 3600]`.
// The user is created (without a password) when the email is new. Only the token goes to
// stdout, so `TOKEN=$(npm run --silent token -- --email a@b.c)` works.

const usage = "usage: npm run token -- --email you@example.com [--ttl seconds]";
// sysexits.h: EX_USAGE for a bad command line, EX_CONFIG for a bad environment.
const exitUsage = 64;
const exitConfig = 78;

class UsageError extends Error {}

function readArguments(): { email: string; ttlSeconds: number | undefined } {
  let values: { email?: string; ttl?: string };
  try {
    ({ values } = parseArgs({ options: { email: { type: "string" }, ttl: { type: "string" } } }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const email = values.email?.trim().toLowerCase();
  if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new UsageError("--email must be an email address");
  if (values.ttl === undefined) return { email, ttlSeconds: undefined };
  const ttlSeconds = Number(values.ttl);
  if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0) throw new UsageError("--ttl must be a positive whole number of seconds");
  return { email, ttlSeconds };
}

async function mintToken({ email, ttlSeconds }: { email: string; ttlSeconds: number | undefined }): Promise<string> {
  const config = loadConfig();
  const { secret } = await resolveJwtSecret(config);
  const backends = await openBackends(config, createLogger(config.LOG_LEVEL));
  try {
    const user = await backends.db.user.upsert({
      where: { email },
      create: { email, username: email.split("@")[0] ?? email },
      update: {},
      select: { id: true, tokenVersion: true },
    });
    const tokens = createTokenService({
      secret,
      accessTokenTtlSeconds: ttlSeconds ?? config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      clock: systemClock,
    });
    // The user's current version, so the token dies with the user's next logout like any other.
    return tokens.signAccessToken({ userId: user.id, tokenVersion: user.tokenVersion }).token;
  } finally {
    await backends.close();
  }
}

try {
  console.log(await mintToken(readArguments()));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n${usage}`);
    process.exit(exitUsage);
  }
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(exitConfig);
  }
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
