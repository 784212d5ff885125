import { Router, type Request, type Response } from "express";
import { isTrackedEnvelope } from "@trpc/server";
import { createCaller, createContextInner, errorShape, describeError, type ApiDependencies } from "@codelab/api";
import type { StoredEvent } from "@codelab/core";
import { requestInfoFrom } from "../http/request-info.js";
import type { Logger } from "../logging/logger.js";
import { abortedWhenClientLeaves, startEventStream } from "./start-event-stream.js";
import { createStreamWriter, type StreamTiming } from "./stream-writer.js";
import { connectedFrame, pingFrame, serializedErrorFrame, trackedFrame } from "./trpc-frames.js";

type Caller = ReturnType<typeof createCaller>;

/** Every event subscription, by tRPC path. */
const subscriptions: Record<string, (caller: Caller) => (input: never) => Promise<AsyncIterable<unknown>>> = {
  "chat.events": (caller) => caller.chat.events,
  "plans.events": (caller) => caller.plans.events,
};

/** The input as tRPC reads it: `?input=` JSON, with the resume point an EventSource sends merged in. Undefined when unreadable. */
function subscriptionInput(request: Request): { input: unknown } | undefined {
  const { input: raw, lastEventId: fromQuery } = request.query;
  let input: unknown;
  if (raw !== undefined) {
    if (typeof raw !== "string") return undefined;
    try {
      input = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  const lastEventId = request.headers["last-event-id"] ?? fromQuery ?? request.query["Last-Event-Id"];
  if (!lastEventId) return { input };
  if (input === undefined) return { input: { lastEventId } };
  return typeof input === "object" && input !== null && !Array.isArray(input) ? { input: { ...input, lastEventId } } : { input };
}

/**
 * Serves tRPC's event subscriptions over its own SSE protocol, so `httpSubscriptionLink` clients
 * are none the wiser, without tRPC's web-streams pipeline: measured at ~8x the CPU of a plain SSE
 * endpoint, most of it converting every event through several streams and writing it in pieces.
 * The procedure itself still runs through the caller (authentication, input, ownership, limits);
 * only the writing differs. Requests it cannot read go on to tRPC, which answers them as usual.
 */
export function createTrpcEventStreamRouter(
  deps: ApiDependencies,
  { timing, secureCookies, logger }: { timing: StreamTiming; secureCookies: boolean; logger: Logger },
): Router {
  const router = Router();
  router.get("/:path", async (request: Request, response: Response, next) => {
    const subscription = subscriptions[String(request.params.path)];
    const parsed = subscription && request.headers.accept?.includes("text/event-stream") ? subscriptionInput(request) : undefined;
    if (!subscription || !parsed) {
      next();
      return;
    }
    const clientGone = abortedWhenClientLeaves(response);
    startEventStream(response);
    // The procedure yields one event at a time; corking per tick still writes a burst at once.
    const writer = createStreamWriter(response, { ...timing, heartbeat: pingFrame, coalesceWritesPerTick: true });
    writer.write(connectedFrame({ reconnectAfterInactivityMs: timing.heartbeatMilliseconds * 3 }));
    let ending = "";
    try {
      const caller = createCaller(createContextInner(deps, requestInfoFrom(request, response, { secureCookies })), { signal: clientGone });
      const values = await subscription(caller)(parsed.input as never);
      for await (const value of values) {
        if (!isTrackedEnvelope<StoredEvent>(value)) throw new Error("event subscriptions yield tracked events");
        if (!writer.write(trackedFrame(value[1])) && !(await writer.drained())) break;
      }
    } catch (error) {
      // An AbortError ends the stream without a word, as tRPC does: the client reconnects and resumes.
      if (!(error instanceof Error && error.name === "AbortError")) {
        if (describeError(error).httpStatus >= 500) logger.error("tRPC subscription failed", { path: request.params.path, error: String(error) });
        ending = serializedErrorFrame(errorShape(error, String(request.params.path)));
      }
    } finally {
      writer.end(ending);
    }
  });
  return router;
}
