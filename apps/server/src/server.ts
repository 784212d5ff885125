import type { AddressInfo } from "node:net";
import { createServer as createNodeServer, type Server } from "node:http";
import { fileURLToPath } from "node:url";
import type { ApiDependencies } from "@codelab/api";
import { startApprovalSweeper, type ClosableEventBus, type Clock } from "@codelab/core";
import type { Config } from "./config/config.js";
import { resolveJwtSecret } from "./config/jwt-secret.js";
import { openBackends, type Backends } from "./composition/backends.js";
import { createDependencies } from "./composition/create-dependencies.js";
import { createModelProviders } from "./composition/create-model-providers.js";
import { createHttpApp } from "./http/create-http-app.js";
import { createLogger, type Logger } from "./logging/logger.js";

export interface RunningServer {
  url: string;
  deps: ApiDependencies;
  /** The same bus as `deps.events`, with the counts leak checks read. */
  events: ClosableEventBus;
  backends: Backends;
  secretSource: "environment" | "generated";
  /** What each backend is, for the start-up banner. */
  description: Record<"database" | "redis" | "llm" | "embeddings" | "memory" | "sandbox", string>;
  logger: Logger;
  close(): Promise<void>;
}

const defaultWebDist = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Opens the backends, wires the app and listens. Everything it opened is released by `close()`. */
export async function startServer(config: Config, { clock }: { clock?: Clock } = {}): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const { secret, source } = await resolveJwtSecret(config);
  const backends = await openBackends(config, logger);
  const providers = await createModelProviders(config, logger);
  const { deps, events, planExecutor, description, sandbox } = createDependencies({ config, backends, providers, jwtSecret: secret, logger, clock });
  const sandboxDescription = (await sandbox.available())
    ? "bubblewrap (no network, empty environment, a copy of the project's files)"
    : `unavailable: ${config.SANDBOX_BWRAP_PATH} does not run here, so code_executor and python_exec answer that they cannot run code (install bubblewrap)`;
  const approvalSweeper = startApprovalSweeper(deps, { intervalMilliseconds: config.APPROVAL_SWEEP_INTERVAL_MS });
  const app = createHttpApp({
    deps,
    redis: backends.redis,
    logger,
    secureCookies: config.NODE_ENV === "production",
    trustProxy: config.TRUST_PROXY,
    webDistDirectory: config.WEB_DIST_DIR ?? defaultWebDist,
    eventStreamTiming: {
      heartbeatMilliseconds: config.EVENT_STREAM_HEARTBEAT_MS,
      retryMilliseconds: config.EVENT_STREAM_RETRY_MS,
      stallTimeoutMilliseconds: 2 * config.EVENT_STREAM_HEARTBEAT_MS,
    },
  });
  const server: Server = createNodeServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  // Plans that were executing when the last process stopped run on from their last committed step.
  await planExecutor.recover();
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  return {
    url: `http://${host}:${port}`,
    deps,
    events,
    backends,
    secretSource: source,
    description: { ...backends.description, ...providers.description, ...description, sandbox: sandboxDescription },
    logger,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await approvalSweeper.stop();
      await planExecutor.close();
      // The bus's reader uses its own Redis connection, so it goes before Redis does.
      await events.close();
      await backends.close();
    },
  };
}
