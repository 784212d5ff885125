import type { Response } from "express";

const streamHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  // nginx would otherwise buffer the stream.
  "X-Accel-Buffering": "no",
  Connection: "close",
};

/**
 * Sends the headers of an event stream. The stream is delimited by closing the connection, which
 * an event stream's end does anyway: without chunked framing every write is one buffer on the
 * wire, not three (a measured share of the cost of streaming).
 */
export function startEventStream(response: Response): void {
  response.removeHeader("Transfer-Encoding");
  response.writeHead(200, streamHeaders);
}

/**
 * Aborted when the client hangs up, which releases its subscription and its place under the
 * stream limit. Create it first thing: a client may leave while its stream is still being opened.
 */
export function abortedWhenClientLeaves(response: Response): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => controller.abort());
  return controller.signal;
}
