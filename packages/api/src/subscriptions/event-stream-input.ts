import { z } from "zod";
import { isEventId } from "@codelab/core";

/**
 * Where a (re)connecting client resumes. tRPC's client fills it in when it reconnects, and the
 * server copies an EventSource's Last-Event-ID header into it.
 */
export const lastEventId = z
  .string()
  .refine(isEventId, { message: "must be an event id such as 1767225600000-0" })
  .nullish();
