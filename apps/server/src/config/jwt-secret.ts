import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, type Config } from "./config.js";

export const knownDefaultSecret = "change-me-in-production";
const minimumSecretBytes = 32;

export interface ResolvedSecret {
  secret: string;
  source: "environment" | "generated";
}

/**
 * Production refuses to start on a missing, default or short secret. Development never uses a
 * known one: it generates a random secret once and keeps it beside the embedded data.
 */
export async function resolveJwtSecret(config: Pick<Config, "JWT_SECRET_KEY" | "NODE_ENV" | "dataDirectory">): Promise<ResolvedSecret> {
  const configured = config.JWT_SECRET_KEY;
  const usable =
    configured !== undefined &&
    configured !== knownDefaultSecret &&
    Buffer.byteLength(configured, "utf8") >= minimumSecretBytes;
  if (usable) return { secret: configured, source: "environment" };
  if (config.NODE_ENV === "production") {
    const problem = configured === undefined ? "is not set" : configured === knownDefaultSecret ? "is the published default" : `is shorter than ${minimumSecretBytes} bytes`;
    throw new ConfigError(`JWT_SECRET_KEY ${problem}; production needs a random secret of at least ${minimumSecretBytes} bytes.`);
  }
  const file = join(config.dataDirectory, "jwt-secret");
  try {
    const stored = (await readFile(file, "utf8")).trim();
    if (stored.length >= minimumSecretBytes) return { secret: stored, source: "generated" };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(48).toString("base64url");
  await mkdir(config.dataDirectory, { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return { secret, source: "generated" };
}
