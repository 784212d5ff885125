import { tracked, type TrackedEnvelope } from "@trpc/server";
import type { StoredEvent } from "@codelab/core";
import { openEventStream, type EventStream, type EventStreamDependencies, type OpenEventStreamOptions } from "./open-event-stream.js";
import { ResumeStreamSignal, streamEndError } from "./stream-errors.js";

type TrackedEvent = TrackedEnvelope<StoredEvent>;

export interface TrackedEventIterator extends AsyncIterableIterator<TrackedEvent, undefined> {
  return(value?: undefined): Promise<IteratorResult<TrackedEvent, undefined>>;
}

/**
 * The body of every event subscription: each event as `tracked(id, event)`, so tRPC's client
 * resumes right after the last one it received. Check ownership before calling it. Subscriptions
 * declare no `.output()`: tRPC v11 would validate the returned iterator, not the events (typed StoredEvent).
 * Opens the stream on the first `next()`; `return()` releases it.
 */
export function trackedEvents(deps: EventStreamDependencies, options: OpenEventStreamOptions): TrackedEventIterator {
  return new TrackedEvents(deps, options);
}

interface Waiter {
  resolve(result: IteratorResult<TrackedEvent, undefined>): void;
  reject(error: unknown): void;
}

const done: IteratorResult<TrackedEvent, undefined> = { done: true, value: undefined };

/**
 * Not an async generator: the stream pushes events (see `EventStream.deliver`) straight to a
 * waiting consumer, so an event costs one promise here rather than a generator's and an inner
 * iteration's several. While the consumer is busy the stream is paused, and events wait in the
 * bus's bounded buffer, as they would for any slow subscriber.
 */
class TrackedEvents implements TrackedEventIterator {
  private readonly deps: EventStreamDependencies;
  private readonly options: OpenEventStreamOptions;
  private stream: EventStream | undefined;
  private opened = false;
  private readonly queue: StoredEvent[] = [];
  private paused = false;
  private waiter: Waiter | undefined;
  /** Set once the stream has ended; the consumer learns it after taking what is queued. */
  private ending: { error: Error | undefined } | undefined;
  private finished = false;

  constructor(deps: EventStreamDependencies, options: OpenEventStreamOptions) {
    this.deps = deps;
    this.options = options;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<TrackedEvent, undefined>> {
    const event = this.queue.shift();
    if (event) {
      if (this.queue.length === 0 && this.paused) {
        this.paused = false;
        this.stream?.resume();
      }
      return Promise.resolve({ done: false, value: tracked(event.id, event) });
    }
    if (this.finished) return Promise.resolve(done);
    if (this.ending) return this.finish(this.ending.error);
    if (!this.opened) this.open();
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<TrackedEvent, undefined>> {
    this.finished = true;
    this.queue.length = 0;
    this.stream?.close();
    this.settleWaiter(done);
    return Promise.resolve(done);
  }

  private open(): void {
    this.opened = true;
    openEventStream(this.deps, this.options).then(
      (stream) => {
        this.stream = stream;
        if (this.finished) {
          stream.close();
          return;
        }
        stream.deliver(this.take).then(
          () => this.end(stream.expired ? new ResumeStreamSignal("The stream reached its maximum duration") : undefined),
          (error: unknown) => this.end(streamEndError(error)),
        );
      },
      (error: unknown) => this.end(streamEndError(error)),
    );
  }

  /** The stream's sink: hands the first event to a waiting consumer, queues the rest and pauses while any wait. */
  private readonly take = (events: StoredEvent[]): boolean => {
    const waiter = this.waiter;
    let first = 0;
    if (waiter && events[0]) {
      this.waiter = undefined;
      waiter.resolve({ done: false, value: tracked(events[0].id, events[0]) });
      first = 1;
    }
    for (let index = first; index < events.length; index += 1) this.queue.push(events[index] as StoredEvent);
    this.paused = this.queue.length > 0;
    return !this.paused;
  };

  private end(error: Error | undefined): void {
    if (this.ending) return;
    this.ending = { error };
    if (this.waiter && this.queue.length === 0) {
      const waiter = this.waiter;
      this.waiter = undefined;
      this.finish(error).then(
        (result) => waiter.resolve(result),
        (failure: unknown) => waiter.reject(failure),
      );
    }
  }

  private finish(error: Error | undefined): Promise<IteratorResult<TrackedEvent, undefined>> {
    this.finished = true;
    this.stream?.close();
    return error ? Promise.reject(error) : Promise.resolve(done);
  }

  private settleWaiter(result: IteratorResult<TrackedEvent, undefined>): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.resolve(result);
  }
}
