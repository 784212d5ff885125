import { Router, type Request, type Response } from "express";
import { eventsTrimmedError, openEventStream, sessionEventScope, type ApiDependencies, type EventStream } from "@codelab/api";
import { getProject, isEventStreamError } from "@codelab/core";
import type { Logger } from "../logging/logger.js";
import { sendError } from "../rest/send-error.js";
import { authenticateStream } from "./authenticate-stream.js";
import { abortedWhenClientLeaves } from "./start-event-stream.js";
import { readStreamRequest } from "./stream-request.js";
import { writeEventStream, type EventStreamTiming } from "./write-event-stream.js";

/**
 * Everything before the first byte of the stream: authentication, input, ownership, the stream
 * limit and the resume point. Any refusal is an ordinary JSON error response, to which an
 * EventSource does not reconnect.
 */
async function openSessionStream(deps: ApiDependencies, request: Request, signal: AbortSignal): Promise<EventStream> {
  const params = { projectId: String(request.params.projectId), sessionId: String(request.params.sessionId) };
  const userId = await authenticateStream(deps, request, params);
  const { projectId, sessionId, lastEventId } = readStreamRequest(request);
  await getProject(deps, { userId, projectId });
  const scope = await sessionEventScope(deps, { userId, projectId, sessionId });
  try {
    return await openEventStream(deps, { scope, lastEventId, signal });
  } catch (error) {
    throw isEventStreamError(error) && error.reason === "trimmed" ? eventsTrimmedError() : error;
  }
}

/**
 * `GET /my/projects/{project_id}/chat/{session_id}/events/`: the session's events as
 * `text/event-stream`, resumable with `Last-Event-ID` or `?last_event_id=`. Mounted before the
 * REST router; its ticket endpoint is an ordinary REST route.
 */
export function createEventStreamRouter(deps: ApiDependencies, { timing, logger }: { timing: EventStreamTiming; logger: Logger }): Router {
  const router = Router({ strict: false });
  router.get("/projects/:projectId/chat/:sessionId/events/", async (request: Request, response: Response) => {
    const clientGone = abortedWhenClientLeaves(response);
    let stream: EventStream;
    try {
      stream = await openSessionStream(deps, request, clientGone);
    } catch (error) {
      sendError(response, error);
      return;
    }
    try {
      await writeEventStream(stream, response, timing);
    } catch (error) {
      // Never the URL: a ticket in the query string must not reach the logs.
      logger.error("event stream failed", { error: String(error) });
      response.destroy();
    }
  });
  return router;
}
