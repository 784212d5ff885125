import { ConfigError, loadConfig } from "./config/config.js";
import { startServer } from "./server.js";

try {
  const config = loadConfig();
  const server = await startServer(config);
  const { database, redis, llm, embeddings, memory, sandbox } = server.description;
  console.log(`
CodeLab is running at ${server.url}
  database: ${database}
  events, rate limits: ${redis}
  language model: ${llm}
  embeddings: ${embeddings}
  agent memory: ${memory}
  code sandbox: ${sandbox}
  JWT secret: ${server.secretSource === "generated" ? "generated for development (kept in the data directory)" : "JWT_SECRET_KEY"}

Open ${server.url} to sign up, or mint an API token for scripts:
  npm run token -- --email you@example.com
`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.logger.info("shutting down", { signal });
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.logger.error("shutdown failed", { error: String(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  throw error;
}
