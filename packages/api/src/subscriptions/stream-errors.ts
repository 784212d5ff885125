import { TRPCError } from "@trpc/server";
import { isEventStreamError } from "@codelab/core";

/**
 * Events after the client's resume point are no longer retained: resuming would leave a gap, so
 * the client must reload the conversation and subscribe again without a last event id.
 */
export function eventsTrimmedError(): TRPCError {
  return new TRPCError({
    code: "PRECONDITION_FAILED",
    message: "Events after the last event id are no longer retained: reload, then subscribe without a last event id",
  });
}

/**
 * Thrown into tRPC to end a subscription so that the client resumes. tRPC ends a stream whose
 * source throws an error named AbortError without a `return` or error frame, so the client's
 * EventSource reconnects by itself and sends the last event id it received.
 */
export class ResumeStreamSignal extends Error {
  override name = "AbortError";
}

/** What a transport tells the client when the bus ends its stream: resume (lagging, closed) or reload (trimmed). */
export function streamEndError(error: unknown): Error {
  if (!isEventStreamError(error)) return error instanceof Error ? error : new Error(String(error));
  return error.reason === "trimmed" ? eventsTrimmedError() : new ResumeStreamSignal(error.message);
}
