import type { ServerResponse } from "node:http";
import type { Exchange } from "./exchange.js";
import type { ErrorReply } from "./replies.js";

export async function writeErrorReply(exchange: Exchange, reply: ErrorReply): Promise<void> {
  if (!(await exchange.pause(reply.delayBeforeFirstByteMs))) return;
  writeJsonStatus(exchange.response, reply.status, reply.body ?? providerErrorBody(reply.status, `Scripted ${reply.status} error`), reply.headers);
}

export function writeJsonStatus(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

/** The error shape OpenAI returns, which the `openai` SDK reads into `APIError`. */
export function providerErrorBody(status: number, message: string) {
  return {
    error: {
      message,
      type: status >= 500 ? "server_error" : "invalid_request_error",
      param: null,
      code: status === 429 ? "rate_limit_exceeded" : null,
    },
  };
}
