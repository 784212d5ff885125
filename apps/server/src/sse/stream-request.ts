import type { Request } from "express";
import { z } from "zod";
import { lastEventId } from "@codelab/api";
import { uuid } from "@codelab/contracts";
import { AppError } from "@codelab/core";

const streamRequest = z.object({ projectId: uuid, sessionId: uuid, lastEventId });

export type StreamRequest = z.output<typeof streamRequest>;

/**
 * The session and resume point of a stream request. An EventSource reconnecting sends the last id
 * it received as `Last-Event-ID`, which is newer than a `?last_event_id=` still in its URL, so the header wins.
 */
export function readStreamRequest(request: Request): StreamRequest {
  const header = request.headers["last-event-id"];
  const query = request.query.last_event_id;
  const parsed = streamRequest.safeParse({
    projectId: request.params.projectId,
    sessionId: request.params.sessionId,
    lastEventId: header === undefined || header === "" ? query : header,
  });
  if (parsed.success) return parsed.data;
  throw new AppError("VALIDATION_FAILED", "Invalid input", {
    details: { fields: parsed.error.issues.map((issue) => ({ field: issue.path.join("."), message: issue.message })) },
  });
}
