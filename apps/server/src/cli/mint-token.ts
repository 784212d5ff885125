import { parseArgs } from "node:util";
import { createTokenService, systemClock } from "@codelab/core";
import { ConfigError, loadConfig } from "../config/config.js";
import { resolveJwtSecret } from "../config/jwt-secret.js";
import { openBackends } from "../composition/backends.js";

// Mints an access token for scripts: `npm run token -- --email a@b.c [--ttl 3600]`.
// The user is created (without a password) when the email is new.

const { values } = parseArgs({ options: { email: { type: "string" }, ttl: { type: "string" } } });
const email = values.email?.trim().toLowerCase();
if (!email || !/^[^@\s]+@[^@\s]+$/.test(email)) {
  console.error("usage: npm run token -- --email you@example.com [--ttl seconds]");
  process.exit(64);
}

try {
  const config = loadConfig();
  const ttl = values.ttl ? Number(values.ttl) : config.ACCESS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new ConfigError("--ttl must be a positive whole number of seconds");
  const { secret } = await resolveJwtSecret(config);
  const backends = await openBackends(config);
  try {
    const user = await backends.db.user.upsert({
      where: { email },
      create: { email, username: email.split("@")[0] ?? email },
      update: {},
      select: { id: true, tokenVersion: true },
    });
    const tokens = createTokenService({
      secret,
      accessTokenTtlSeconds: ttl,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      clock: systemClock,
    });
    console.log(tokens.signAccessToken({ userId: user.id, tokenVersion: user.tokenVersion }).token);
  } finally {
    await backends.close();
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
