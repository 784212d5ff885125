import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { startLlmTestServer } from "@codelab/llm-test-server";
import { startTestServer } from "@codelab/server/testing";
import { scriptedReply } from "./scripted-llm.js";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** The test script builds the SPA into dist/ first; the server serves it like in production. */
const webDist = fileURLToPath(new URL("../../dist", import.meta.url));

const artifacts = fileURLToPath(new URL("../../test-artifacts", import.meta.url));

/** One real server (own database, own Redis prefix) whose model provider is the scripted LLM test server. */
export default async function setup(project: TestProject) {
  // Screenshots from an earlier run (a failure's, say) must not pass for this run's.
  rmSync(artifacts, { recursive: true, force: true });
  const llm = await startLlmTestServer();
  llm.handle(scriptedReply);
  const server = await startTestServer({
    env: {
      WEB_DIST_DIR: webDist,
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: "test-key",
      OPENAI_MODEL: "test-model",
      LLM_MAX_ATTEMPTS: "2",
      LLM_RETRY_BASE_DELAY_MS: "10",
      // Short enough for the expiry scenario to watch an approval run out.
      APPROVAL_TIMEOUT_SECONDS: "8",
      APPROVAL_SWEEP_INTERVAL_MS: "500",
      // Small, so the Files scenario can show the size-cap refusal without pushing megabytes.
      WORKSPACE_MAX_FILE_BYTES: String(256 * 1024),
    },
  });
  project.provide("baseUrl", server.url);
  return async () => {
    await server.close();
    await llm.close();
  };
}
