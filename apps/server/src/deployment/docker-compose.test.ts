import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.js";

// No Docker engine runs here, so the compose file is checked by reading it: the server's
// environment must pass the same validation the server runs at start-up, and every backend
// it points at must be a service it depends on.

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: unknown;
}

const composeFile = fileURLToPath(new URL("../../../../docker-compose.yml", import.meta.url));
const compose = parse(await readFile(composeFile, "utf8")) as { services: Record<string, ComposeService> };
const server = compose.services.codelab;

/** `${NAME:-default}` → default, `${NAME:?message}` → the value a user must supply, `${NAME}` → "". */
function interpolate(value: string, supplied: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, fallback?: string) => {
    if (supplied[name] !== undefined) return supplied[name];
    if (kind === "?") throw new Error(`${name} must be supplied: ${fallback}`);
    return kind === "-" ? (fallback ?? "") : "";
  });
}

describe("docker-compose.yml", () => {
  it("defines the server with PostgreSQL, Redis and Qdrant", () => {
    expect(server?.build).toBeDefined();
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(["codelab", "postgres", "redis", "qdrant"]));
  });

  it("gives the server an environment its configuration accepts in production", () => {
    const supplied = { JWT_SECRET_KEY: "x".repeat(64) };
    const environment = Object.fromEntries(
      Object.entries(server?.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), supplied)]),
    );
    const config = loadConfig(environment);
    expect(config.NODE_ENV).toBe("production");
    expect(config.DATABASE_URL).toBeDefined();
    expect(config.REDIS_URL).toBeDefined();
    expect(config.QDRANT_URL).toBeDefined();
  });

  it("refuses to start without a JWT secret", () => {
    expect(() => interpolate(String(server?.environment?.JWT_SECRET_KEY), {})).toThrow(/JWT_SECRET_KEY must be supplied/);
  });

  it("points every backend URL at a service the server depends on", () => {
    const environment = server?.environment ?? {};
    const postgres = compose.services.postgres?.environment ?? {};
    for (const [variable, service] of [
      ["DATABASE_URL", "postgres"],
      ["REDIS_URL", "redis"],
      ["QDRANT_URL", "qdrant"],
    ] as const) {
      const url = new URL(String(environment[variable]));
      expect(url.hostname, variable).toBe(service);
      expect(compose.services[service], service).toBeDefined();
      expect(Object.keys(server?.depends_on ?? {}), variable).toContain(service);
    }
    const database = new URL(String(environment.DATABASE_URL));
    expect(database.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    expect(database.username).toBe(postgres.POSTGRES_USER);
    expect(database.password).toBe(postgres.POSTGRES_PASSWORD);
  });
});
