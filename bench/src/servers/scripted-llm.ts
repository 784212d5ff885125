// An OpenAI-compatible model server in its own process, so answering requests never takes the
// event loop of the executors being measured. Every chat request gets the same short answer
// after the delay the bench sets.
import { startLlmTestServer } from "@codelab/llm-test-server";
import { runServerChild } from "../lib/server-child.js";

/** What the bench may ask: set the per-call latency, or read and reset the request counters. */
export type ScriptedLlmRequest = { type: "set-delay"; milliseconds: number } | { type: "take-stats" };

export interface ScriptedLlmStats {
  chatRequests: number;
  maxConcurrent: number;
}

await runServerChild(async () => {
  const llm = await startLlmTestServer();
  let delayMilliseconds = 0;
  const answer = () => llm.handle(() => ({ kind: "text", text: "A short result of this step, in about a dozen words or so.", chunks: 3, delayBeforeFirstByteMs: delayMilliseconds }));
  answer();
  return {
    url: llm.baseUrl,
    close: () => llm.close(),
    control(body) {
      const request = body as ScriptedLlmRequest;
      if (request.type === "set-delay") {
        delayMilliseconds = request.milliseconds;
        return Promise.resolve({});
      }
      const stats: ScriptedLlmStats = {
        chatRequests: llm.requests.filter((recorded) => recorded.path === "/v1/chat/completions").length,
        maxConcurrent: llm.maxConcurrent,
      };
      llm.reset();
      answer();
      return Promise.resolve(stats);
    },
  };
});
