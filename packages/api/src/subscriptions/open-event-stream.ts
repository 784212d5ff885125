import type { EventBus, EventScope, EventSubscription, StoredEvent } from "@codelab/core";
import type { EventStreamPolicy } from "./event-stream-policy.js";

export interface EventStreamDependencies {
  events: EventBus;
  streams: EventStreamPolicy;
}

export interface OpenEventStreamOptions {
  /** Whose events: the caller must already have checked that the session (or plan) is the user's. */
  scope: EventScope;
  /** Resume right after this event; without it, only events published from now on. */
  lastEventId: string | null | undefined;
  /** Aborted when the client goes away. */
  signal: AbortSignal | undefined;
}

/** One client's stream, counted against its user's limit until it closes. */
export interface EventStream {
  /**
   * Every event already waiting, in id order, a burst at a time (single use). Ends normally when the
   * client leaves or the stream expires; with an `EventStreamError` when the bus ends it.
   */
  batches(): AsyncIterable<StoredEvent[]>;
  /**
   * Push mode (see `EventSubscription.deliver`): every event goes to `write` as it becomes
   * available; `write` returns false to pause until `resume()`. Settles like `batches()` ends.
   */
  deliver(write: (events: StoredEvent[]) => boolean): Promise<void>;
  resume(): void;
  /** True once the stream ended because it reached the policy's maximum duration. */
  readonly expired: boolean;
  close(): void;
}

/** Takes a place under the user's stream limit, then subscribes (attach, replay, live) until closed, aborted or expired. */
export async function openEventStream(
  { events, streams }: EventStreamDependencies,
  { scope, lastEventId, signal }: OpenEventStreamOptions,
): Promise<EventStream> {
  const release = streams.limiter.acquire(scope.userId);
  const lifetime = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    lifetime.abort();
  }, streams.maxDurationMilliseconds);
  const onClientGone = () => lifetime.abort();
  if (signal?.aborted) lifetime.abort();
  signal?.addEventListener("abort", onClientGone, { once: true });
  const releaseAll = () => {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onClientGone);
    release();
  };

  let subscription: EventSubscription;
  try {
    subscription = await events.subscribe(scope, { afterId: lastEventId ?? undefined, signal: lifetime.signal });
  } catch (error) {
    releaseAll();
    throw error;
  }

  const close = () => {
    subscription.close();
    releaseAll();
  };
  return {
    batches: () => releasedWhenDone(subscription.batches(), close),
    deliver: (write) => subscription.deliver(write).finally(close),
    resume: () => subscription.resume(),
    get expired() {
      return expired;
    },
    close,
  };
}

/**
 * The subscription's bursts, calling `release` once they end however they end. Not an async
 * generator: that would add promise turns to every burst of every subscriber.
 */
function releasedWhenDone(batches: AsyncIterable<StoredEvent[]>, release: () => void): AsyncIterable<StoredEvent[]> {
  const iterator = batches[Symbol.asyncIterator]();
  return {
    [Symbol.asyncIterator]: () => ({
      async next() {
        try {
          const result = await iterator.next();
          if (result.done) release();
          return result;
        } catch (error) {
          release();
          throw error;
        }
      },
      return() {
        release();
        return Promise.resolve({ done: true, value: undefined });
      },
    }),
  };
}
