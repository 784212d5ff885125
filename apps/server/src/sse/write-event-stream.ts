import type { Response } from "express";
import type { EventStream } from "@codelab/api";
import { isEventStreamError } from "@codelab/core";
import { eventFrames, heartbeatFrame, resetFrame, retryFrame } from "./event-frames.js";
import { startEventStream } from "./start-event-stream.js";
import { createStreamWriter, type StreamTiming } from "./stream-writer.js";

export interface EventStreamTiming extends StreamTiming {
  /** How long an EventSource should wait before reconnecting. */
  retryMilliseconds: number;
}

/**
 * Writes the stream until the client leaves or the stream ends. Events are written in the turn
 * they are published (a burst that waited goes out as one write), with no promise per event.
 * When the client has not taken what was written, the stream pauses until it has: a slow client's
 * events wait in the bus's bounded buffer, and one that falls too far behind is ended as `lagging`
 * there, never slowing publishers or other subscribers.
 *
 * How a stream ends tells the client what to do: the response simply ends on `lagging`, `closed`
 * and at the maximum duration, and the EventSource reconnects and resumes; on `trimmed` a `reset`
 * event comes first, and the client should reload and open a new stream without a last event id.
 */
export async function writeEventStream(stream: EventStream, response: Response, timing: EventStreamTiming): Promise<void> {
  startEventStream(response);
  // One write per burst already: nothing to coalesce.
  const writer = createStreamWriter(response, { ...timing, heartbeat: heartbeatFrame, coalesceWritesPerTick: false });
  writer.write(retryFrame(timing.retryMilliseconds));
  const resumeOnceTaken = (taken: boolean) => (taken ? stream.resume() : stream.close());
  let ending = "";
  try {
    await stream.deliver((events) => {
      if (writer.write(eventFrames(events))) return true;
      void writer.drained().then(resumeOnceTaken);
      return false;
    });
  } catch (error) {
    if (!isEventStreamError(error)) throw error;
    if (error.reason === "trimmed") ending = resetFrame(error.message);
  } finally {
    stream.close();
    writer.end(ending);
  }
}
