import type { Response } from "express";

/** A client that hangs up mid-request (a long model call) should stop the work it asked for. */
export function abortedWhenClientLeaves(response: Response): AbortSignal {
  const controller = new AbortController();
  response.once("close", () => {
    if (!response.writableFinished) controller.abort();
  });
  return controller.signal;
}
