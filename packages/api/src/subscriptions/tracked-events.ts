import { tracked } from "@trpc/server";
import { openEventStream, type EventStream, type EventStreamDependencies, type OpenEventStreamOptions } from "./open-event-stream.js";
import { ResumeStreamSignal, streamEndError } from "./stream-errors.js";

/**
 * The body of every event subscription: each event as `tracked(id, event)`, so tRPC's client
 * resumes right after the last one it received. Check ownership before calling it. Subscriptions
 * declare no `.output()`: tRPC v11 would validate the returned iterator, not the events (typed StoredEvent).
 */
export async function* trackedEvents(deps: EventStreamDependencies, options: OpenEventStreamOptions) {
  let stream: EventStream;
  try {
    stream = await openEventStream(deps, options);
  } catch (error) {
    throw streamEndError(error);
  }
  try {
    for await (const batch of stream.batches()) {
      for (const event of batch) yield tracked(event.id, event);
    }
  } catch (error) {
    throw streamEndError(error);
  } finally {
    stream.close();
  }
  if (stream.expired) throw new ResumeStreamSignal("The stream reached its maximum duration");
}
