import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, type Config } from "./config.js";
import { generatedSecretFileName, resolveJwtSecret } from "./jwt-secret.js";

let root: string;
let directoryCount = 0;
/** A data directory of its own for each test, inside one temporary root removed at the end. */
const freshDataDirectory = () => join(root, `data-${(directoryCount += 1)}`);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "codelab-jwt-secret-"));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const strongSecret = "s".repeat(32);

async function productionRefusal(secret: string | undefined): Promise<ConfigError> {
  const dataDirectory = freshDataDirectory();
  const error: unknown = await resolveJwtSecret({ NODE_ENV: "production", JWT_SECRET_KEY: secret, dataDirectory }).then(
    () => new Error("the secret was accepted"),
    (rejection: unknown) => rejection,
  );
  if (!(error instanceof ConfigError)) throw error;
  // Refusing must not leave a generated secret behind for a later start to pick up.
  await expect(readdir(dataDirectory)).rejects.toMatchObject({ code: "ENOENT" });
  return error;
}

describe("resolveJwtSecret in production", () => {
  it("refuses to start without a secret", async () => {
    expect((await productionRefusal(undefined)).message).toMatch(/^JWT_SECRET_KEY is not set\. Production needs a random secret of at least 32 bytes/);
  });

  it("refuses the published default secret", async () => {
    expect((await productionRefusal("change-me-in-production")).message).toContain('JWT_SECRET_KEY is the published default "change-me-in-production"');
  });

  it("refuses a secret shorter than 32 bytes", async () => {
    expect((await productionRefusal("s".repeat(31))).message).toContain("JWT_SECRET_KEY is 31 bytes long, shorter than the 32");
  });

  it("counts bytes, not characters", async () => {
    const tenEuroSigns = "€".repeat(10);
    expect((await productionRefusal(tenEuroSigns)).message).toContain("is 30 bytes long");
    const elevenEuroSigns = "€".repeat(11);
    await expect(resolveJwtSecret({ NODE_ENV: "production", JWT_SECRET_KEY: elevenEuroSigns, dataDirectory: freshDataDirectory() })).resolves.toEqual({
      secret: elevenEuroSigns,
      source: "environment",
    });
  });

  it("uses a secret of 32 bytes as given and writes nothing", async () => {
    const dataDirectory = freshDataDirectory();
    await expect(resolveJwtSecret({ NODE_ENV: "production", JWT_SECRET_KEY: strongSecret, dataDirectory })).resolves.toEqual({
      secret: strongSecret,
      source: "environment",
    });
    await expect(readdir(dataDirectory)).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("resolveJwtSecret in development", () => {
  const development = (dataDirectory: string, secret?: string): Pick<Config, "JWT_SECRET_KEY" | "NODE_ENV" | "dataDirectory"> => ({
    NODE_ENV: "development",
    JWT_SECRET_KEY: secret,
    dataDirectory,
  });

  it("generates a random secret, keeps it in the data directory readable by the owner only, and reuses it", async () => {
    const dataDirectory = freshDataDirectory();
    const first = await resolveJwtSecret(development(dataDirectory));
    expect(first.source).toBe("generated");
    expect(Buffer.byteLength(first.secret)).toBeGreaterThanOrEqual(32);

    const file = join(dataDirectory, generatedSecretFileName);
    expect((await readFile(file, "utf8")).trim()).toBe(first.secret);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    await expect(resolveJwtSecret(development(dataDirectory))).resolves.toEqual(first);
  });

  it("generates a different secret for each data directory", async () => {
    const [first, second] = await Promise.all([
      resolveJwtSecret(development(freshDataDirectory())),
      resolveJwtSecret(development(freshDataDirectory())),
    ]);
    expect(first.secret).not.toBe(second.secret);
  });

  it("replaces the published default rather than signing with it", async () => {
    const resolved = await resolveJwtSecret(development(freshDataDirectory(), "change-me-in-production"));
    expect(resolved.source).toBe("generated");
    expect(resolved.secret).not.toBe("change-me-in-production");
  });

  it("uses a secret the developer chose, even a short one", async () => {
    await expect(resolveJwtSecret(development(freshDataDirectory(), "dev-secret"))).resolves.toEqual({ secret: "dev-secret", source: "environment" });
  });

  it("agrees on one secret when several processes start at once", async () => {
    const dataDirectory = freshDataDirectory();
    const results = await Promise.all(Array.from({ length: 8 }, () => resolveJwtSecret(development(dataDirectory))));
    const stored = (await readFile(join(dataDirectory, generatedSecretFileName), "utf8")).trim();
    expect(new Set(results.map((result) => result.secret))).toEqual(new Set([stored]));
    expect(await readdir(dataDirectory)).toEqual([generatedSecretFileName]);
  });

  it("replaces a stored secret that is too short to be safe", async () => {
    const dataDirectory = freshDataDirectory();
    await resolveJwtSecret(development(dataDirectory));
    const file = join(dataDirectory, generatedSecretFileName);
    await writeFile(file, "short\n");
    const resolved = await resolveJwtSecret(development(dataDirectory));
    expect(Buffer.byteLength(resolved.secret)).toBeGreaterThanOrEqual(32);
    expect((await readFile(file, "utf8")).trim()).toBe(resolved.secret);
  });

  it("tightens a stored secret file that others can read", async () => {
    const dataDirectory = freshDataDirectory();
    const { secret } = await resolveJwtSecret(development(dataDirectory));
    const file = join(dataDirectory, generatedSecretFileName);
    await chmod(file, 0o644);
    await expect(resolveJwtSecret(development(dataDirectory))).resolves.toEqual({ secret, source: "generated" });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
