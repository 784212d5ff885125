/**
 * An OpenAI-compatible server for tests and benchmarks (plain HTTP on 127.0.0.1, random port):
 *
 *   const llm = await startLlmTestServer();
 *   llm.enqueue({ kind: "error", status: 429, headers: { "retry-after": "1" } }, { kind: "text", text: "Hi!" });
 *   // point the `openai` client at llm.baseUrl, call it, then assert on llm.requests, llm.abortedRequests…
 *   await llm.close();
 */
export { startLlmTestServer, type LlmTestServer, type LlmTestServerOptions, type ChatHandler } from "./llm-test-server.js";
export type {
  ChatReply,
  EmbeddingsEndpointReply,
  EmbeddingsReply,
  ErrorReply,
  FailureReply,
  HangReply,
  ResetReply,
  ScriptedToolCall,
  ScriptedUsage,
  TextReply,
  ToolCallsReply,
} from "./replies.js";
export { lastUserMessage, toChatCompletionRequest, type ChatCompletionRequest, type ChatMessageSeen, type RecordedRequest } from "./recorded-request.js";
export { embedText } from "./embed-text.js";
