import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";

// An empty variable (as docker-compose's `${VAR:-}` produces) means "not set".
const emptyAsUnset = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
/** `localhost:5432` parses as a URL with the scheme `localhost:`, so each service pins the schemes it speaks. */
const serviceUrl = (protocol: RegExp, example: string) =>
  z.preprocess(emptyAsUnset, z.url({ protocol, error: `must be a URL such as ${example}` }).optional());
const optionalString = z.preprocess(emptyAsUnset, z.string().trim().optional());
function wholeNumber({ minimum, maximum, fallback }: { minimum: number; maximum?: number; fallback: number }) {
  const error = maximum === undefined ? `must be a whole number of at least ${minimum}` : `must be a whole number from ${minimum} to ${maximum}`;
  const inRange = (value: number) => Number.isInteger(value) && value >= minimum && (maximum === undefined || value <= maximum);
  return z.preprocess(emptyAsUnset, z.coerce.number({ error }).refine(inRange, { error }).default(fallback));
}
const positiveInt = (fallback: number) => wholeNumber({ minimum: 1, fallback });
const flag = (fallback: boolean) =>
  z
    .preprocess(emptyAsUnset, z.enum(["true", "false", "1", "0"]).default(fallback ? "true" : "false"))
    .transform((value) => value === "true" || value === "1");

const environmentSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  HOST: z.string().default("127.0.0.1"),
  PORT: wholeNumber({ minimum: 0, maximum: 65_535, fallback: 8000 }),
  DATABASE_URL: serviceUrl(/^postgres(ql)?$/, "postgresql://user:password@host:5432/database"),
  /** Off behind a pooler that does not keep a session's prepared statements (PgBouncer in transaction mode). */
  DATABASE_PREPARED_STATEMENTS: flag(true),
  REDIS_URL: serviceUrl(/^rediss?$/, "redis://host:6379"),
  /** Namespaces every Redis key, so several deployments (or test runs) can share one Redis. */
  REDIS_KEY_PREFIX: z.string().default("codelab:"),
  QDRANT_URL: serviceUrl(/^https?$/, "http://host:6333"),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: serviceUrl(/^https?$/, "https://api.openai.com/v1"),
  OPENAI_MODEL: z.string().trim().min(1).default("openrouter/openai/gpt-4.1"),
  /** With a provider configured, memories are embedded by this model; otherwise by the built-in local embedder. */
  EMBEDDING_MODEL: optionalString,
  /** A JSON pricing table (model → $ per 1M input/output tokens); the shipped one when unset. */
  PRICING_FILE: optionalString,
  LLM_CONNECT_TIMEOUT_MS: positiveInt(10_000),
  LLM_IDLE_TIMEOUT_MS: positiveInt(30_000),
  LLM_TOTAL_TIMEOUT_MS: positiveInt(120_000),
  LLM_MAX_ATTEMPTS: wholeNumber({ minimum: 1, maximum: 10, fallback: 3 }),
  LLM_RETRY_BASE_DELAY_MS: positiveInt(500),
  LLM_RETRY_MAX_DELAY_MS: positiveInt(8_000),
  LLM_MAX_RETRY_AFTER_MS: positiveInt(30_000),
  /** Memories less similar than this (cosine, 0–1) to a request are not put in the prompt. */
  MEMORY_MIN_SCORE: z.preprocess(emptyAsUnset, z.coerce.number().min(0).max(1).default(0.2)),
  HISTORY_TOKEN_BUDGET: positiveInt(4_000),
  JWT_SECRET_KEY: optionalString,
  CODELAB_DATA_DIR: optionalString,
  ACCESS_TOKEN_TTL_SECONDS: positiveInt(3600),
  REFRESH_TOKEN_TTL_SECONDS: positiveInt(30 * 24 * 3600),
  LOGIN_ATTEMPTS_PER_EMAIL: positiveInt(10),
  LOGIN_ATTEMPTS_PER_IP: positiveInt(50),
  LOGIN_WINDOW_SECONDS: positiveInt(15 * 60),
  /** Event streams (tRPC subscriptions and REST SSE together) one user may hold open on one instance. */
  EVENT_STREAMS_PER_USER: positiveInt(10),
  /** A stream is ended after this long; clients reconnect and resume where they were. */
  EVENT_STREAM_MAX_DURATION_MS: positiveInt(30 * 60 * 1000),
  /** REST SSE: a heartbeat comment on a quiet stream this often, and the reconnect delay suggested to clients. */
  EVENT_STREAM_HEARTBEAT_MS: positiveInt(15_000),
  EVENT_STREAM_RETRY_MS: positiveInt(2_000),
  /** A plan waiting for approval longer than this is rejected with `approval_timeout`. */
  APPROVAL_TIMEOUT_SECONDS: positiveInt(300),
  /** How often overdue approvals are looked for; the stored deadline decides, this only bounds how late it is noticed. */
  APPROVAL_SWEEP_INTERVAL_MS: positiveInt(5_000),
  /** Tasks of one plan that run at once. */
  PLAN_MAX_PARALLEL_TASKS: positiveInt(8),
  /** Tasks of one user's plans that run at once on one instance, however many plans. */
  USER_MAX_PARALLEL_TASKS: positiveInt(16),
  /** Model answers per agent turn that may call tools; the answer after the last is asked for without tools. */
  TOOL_MAX_ROUNDS: positiveInt(8),
  /** Tool run time one agent turn may spend in all. */
  TOOL_MAX_TOTAL_MS: positiveInt(120_000),
  /** Debian's bubblewrap: agents' code runs only inside it; without it the code tools answer "unavailable". */
  SANDBOX_BWRAP_PATH: z.preprocess(emptyAsUnset, z.string().trim().default("/usr/bin/bwrap")),
  /** Python for `python_exec` and `code_executor`; it must live under /usr, the only host directory the sandbox sees. */
  SANDBOX_PYTHON: z.preprocess(emptyAsUnset, z.string().trim().default("/usr/bin/python3")),
  /** Node.js for JavaScript in `code_executor`; the server's own Node when unset. */
  SANDBOX_NODE: optionalString,
  /** A sandboxed run is killed after this long. */
  SANDBOX_WALL_TIME_MS: positiveInt(10_000),
  /** Writable memory of each sandboxed process. */
  SANDBOX_MEMORY_MB: positiveInt(512),
  /** Sandboxed runs at once on this instance; the others wait. */
  SANDBOX_MAX_CONCURRENT: positiveInt(4),
  /** Project workspaces, one directory per project; `$CODELAB_DATA_DIR/workspaces` when unset. */
  WORKSPACE_ROOT: optionalString,
  /** The largest file an upload (or a tool) may write into a workspace. */
  WORKSPACE_MAX_FILE_BYTES: positiveInt(10 * 1024 * 1024),
  /** All files of one workspace together; unlimited when unset. */
  WORKSPACE_MAX_BYTES: z.preprocess(
    emptyAsUnset,
    z.coerce
      .number({ error: "must be a whole number of at least 1" })
      .refine((value) => Number.isInteger(value) && value >= 1, { error: "must be a whole number of at least 1" })
      .optional(),
  ),
  TRUST_PROXY: flag(false),
  WEB_DIST_DIR: optionalString,
});

export type Environment = z.output<typeof environmentSchema>;

export interface Config extends Environment {
  /** Where embedded data (database, generated secret) lives. */
  dataDirectory: string;
  /** Absolute: the directory project workspaces live in. */
  workspaceRoot: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates the environment once at start-up; every other module receives the typed result. */
export function loadConfig(environment: Record<string, string | undefined> = readEnvironment()): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  const baseDirectory = environment.INIT_CWD ?? process.cwd();
  const dataDirectory = resolve(baseDirectory, parsed.data.CODELAB_DATA_DIR ?? ".codelab");
  const workspaceRoot = parsed.data.WORKSPACE_ROOT ? resolve(baseDirectory, parsed.data.WORKSPACE_ROOT) : resolve(dataDirectory, "workspaces");
  return { ...parsed.data, dataDirectory, workspaceRoot };
}

/** The process environment, with a `.env` file in the working directory filling what is unset. */
function readEnvironment(): Record<string, string | undefined> {
  const envFile = resolve(process.env.INIT_CWD ?? process.cwd(), ".env");
  if (existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}
