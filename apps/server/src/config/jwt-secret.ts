import { randomBytes } from "node:crypto";
import { chmod, link, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, type Config } from "./config.js";

export const knownDefaultSecret = "change-me-in-production";
export const minimumSecretBytes = 32;
/** Beside the embedded data, so the server and the token CLI agree on it. */
export const generatedSecretFileName = "jwt-secret";

export interface ResolvedSecret {
  secret: string;
  source: "environment" | "generated";
}

type SecretConfig = Pick<Config, "JWT_SECRET_KEY" | "NODE_ENV" | "dataDirectory">;

function productionProblem(configured: string | undefined): string | undefined {
  if (configured === undefined) return "is not set";
  if (configured === knownDefaultSecret) return `is the published default "${knownDefaultSecret}"`;
  const bytes = Buffer.byteLength(configured, "utf8");
  if (bytes < minimumSecretBytes) return `is ${bytes} bytes long, shorter than the ${minimumSecretBytes} HS256 needs`;
  return undefined;
}

/**
 * Production refuses to start on a missing, default or short secret. Elsewhere a missing or
 * default secret is replaced by a random one generated once and kept in the data directory, so
 * no install ever signs tokens with a key that is known.
 */
export async function resolveJwtSecret(config: SecretConfig): Promise<ResolvedSecret> {
  const configured = config.JWT_SECRET_KEY;
  if (config.NODE_ENV === "production") {
    const problem = productionProblem(configured);
    if (problem) {
      throw new ConfigError(
        `JWT_SECRET_KEY ${problem}. Production needs a random secret of at least ${minimumSecretBytes} bytes, ` +
          `for example: openssl rand -base64 48`,
      );
    }
  }
  // A deliberately chosen development secret is used as given, so an identity provider sharing it keeps working.
  if (configured !== undefined && configured !== knownDefaultSecret) return { secret: configured, source: "environment" };
  return { secret: await generatedSecret(config.dataDirectory), source: "generated" };
}

async function generatedSecret(dataDirectory: string): Promise<string> {
  const file = join(dataDirectory, generatedSecretFileName);
  const stored = await readStoredSecret(file);
  if (stored !== undefined && Buffer.byteLength(stored, "utf8") >= minimumSecretBytes) return stored;

  await mkdir(dataDirectory, { recursive: true });
  const secret = randomBytes(48).toString("base64url");
  // Written aside, then linked into place: the file never exists half-written, and when the server
  // and the CLI start together the first link wins and both use its secret.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  await writeFile(draft, `${secret}\n`, { mode: 0o600 });
  try {
    if (stored === undefined) await link(draft, file);
    else await rename(draft, file);
    return secret;
  } catch (error) {
    const winner = (error as NodeJS.ErrnoException).code === "EEXIST" ? await readStoredSecret(file) : undefined;
    if (winner === undefined) throw error;
    return winner;
  } finally {
    await rm(draft, { force: true });
  }
}

async function readStoredSecret(file: string): Promise<string | undefined> {
  try {
    const { mode } = await stat(file);
    // A signing key others can read lets them mint tokens: tighten a file created by hand.
    if ((mode & 0o077) !== 0) await chmod(file, 0o600);
    return (await readFile(file, "utf8")).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
