import { EventStreamError, type EventSubscription, type StoredEvent } from "./event-bus.js";
import { compareEventIds } from "./event-id.js";
import type { LiveAttachment, LiveListener, LogPage } from "./event-log.js";

export interface SubscriptionSource {
  attach(listener: LiveListener): Promise<LiveAttachment>;
  readPage(afterId: string): Promise<LogPage>;
  pageSize: number;
  matches(event: StoredEvent): boolean;
  /** Live events a subscriber may have waiting before it counts as lagging. */
  maxBufferedEvents: number;
  /** Called once per subscription as it opens; returns what to call when it ends. */
  track(subscription: Subscription): () => void;
}

/** A consumer waiting for live events: resolved with the next one, or undefined when the stream ends. */
interface Waiter {
  resolve(events: StoredEvent[] | undefined): void;
  reject(error: unknown): void;
}

/** A consumer in push mode (`deliver`). */
interface Sink {
  write(events: StoredEvent[]): boolean;
  /** The consumer asked for nothing more until it calls `resume()`. */
  paused: boolean;
  /** A replay page is being read for it. */
  reading: boolean;
  ended: { resolve(): void; reject(error: unknown): void };
}

/**
 * Attaches to live delivery before replaying, so nothing published meanwhile is missed, and
 * drops live events the replay already delivered (ids at or below the cursor), so nothing repeats.
 * Live events wait in a bounded buffer. Past the bound during replay the buffer is dropped and the
 * replay simply reads further (the log has them all); past the bound once live, the subscriber
 * is ended as `lagging`, so a slow consumer costs publishers and other subscribers nothing.
 */
export class Subscription implements EventSubscription, AsyncIterator<StoredEvent, undefined> {
  private readonly source: SubscriptionSource;
  /** Last id the replay has read, matching or not: where the next replay page starts. */
  private cursor = "";
  /**
   * Live events arrive in id order, so once one newer than the replay has been delivered, no
   * later one can repeat it: comparing ids is only needed until then, not per event for ever.
   */
  private deduplicating = false;
  private replayDone = false;
  private replayPage: StoredEvent[] = [];
  private replayIndex = 0;
  private live: StoredEvent[] = [];
  private liveHead = 0;
  private liveOverflowed = false;
  private waiter: Waiter | undefined;
  private sink: Sink | undefined;
  private ending: { error: Error | undefined; reported: boolean } | undefined;
  private attachment: LiveAttachment | undefined;
  private releaseSignal: (() => void) | undefined;
  private untrack: (() => void) | undefined;

  private constructor(source: SubscriptionSource) {
    this.source = source;
  }

  /** Resolves once attached (and, with `afterId`, once the first replay page is read, so a trimmed resume point rejects here). */
  static async open(source: SubscriptionSource, afterId: string | undefined, signal: AbortSignal | undefined): Promise<Subscription> {
    const subscription = new Subscription(source);
    subscription.untrack = source.track(subscription);
    subscription.followSignal(signal);
    if (subscription.ending) return subscription;
    try {
      const attachment = await source.attach(subscription.push);
      subscription.attachment = attachment;
      if (subscription.ending) attachment.detach();
      if (afterId === undefined) {
        subscription.replayDone = true;
      } else {
        subscription.cursor = afterId;
        subscription.deduplicating = true;
        await subscription.readReplayPage();
      }
    } catch (error) {
      subscription.end(error instanceof Error ? error : new Error(String(error)));
    }
    return subscription.throwIfFailed();
  }

  get ended(): boolean {
    return this.ending !== undefined;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<StoredEvent, undefined>> {
    const events = await this.nextEvents(1);
    return events ? { done: false, value: events[0] as StoredEvent } : { done: true, value: undefined };
  }

  batches(): AsyncIterable<StoredEvent[]> {
    const iterator: AsyncIterator<StoredEvent[], undefined> = {
      next: async () => {
        const events = await this.nextEvents(Number.POSITIVE_INFINITY);
        return events ? { done: false, value: events } : { done: true, value: undefined };
      },
      return: () => {
        this.close();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
    return { [Symbol.asyncIterator]: () => iterator };
  }

  deliver(write: (events: StoredEvent[]) => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sink = { write, paused: false, reading: false, ended: { resolve, reject } };
      if (this.ending) this.settleSink();
      else this.pump();
    });
  }

  resume(): void {
    if (!this.sink?.paused) return;
    this.sink.paused = false;
    this.pump();
  }

  /** Push mode: hands the sink everything ready, reading replay pages as needed, until it pauses or nothing is left. */
  private pump(): void {
    const sink = this.sink as Sink;
    while (!this.ending && !sink.paused) {
      if (this.replayIndex < this.replayPage.length) {
        const events = this.replayPage.slice(this.replayIndex);
        this.replayIndex = this.replayPage.length;
        this.writeToSink(sink, events);
      } else if (!this.replayDone) {
        if (sink.reading) return;
        sink.reading = true;
        void this.readReplayPage().then(() => {
          sink.reading = false;
          this.pump();
        });
        return;
      } else {
        const events = this.shiftLive(Number.POSITIVE_INFINITY);
        if (events.length === 0) return;
        this.writeToSink(sink, events);
      }
    }
  }

  private writeToSink(sink: Sink, events: StoredEvent[]): void {
    if (events.length === 0) return;
    try {
      if (!sink.write(events)) sink.paused = true;
    } catch (error) {
      this.end(error instanceof Error ? error : new Error(String(error)));
    }
  }

  private settleSink(): void {
    const sink = this.sink;
    const ending = this.ending;
    if (!sink || !ending || ending.reported) return;
    ending.reported = true;
    if (ending.error) sink.ended.reject(ending.error);
    else sink.ended.resolve();
  }

  /** Up to `limit` events, waiting for one if none is ready; undefined once the stream has ended. */
  private async nextEvents(limit: number): Promise<StoredEvent[] | undefined> {
    for (;;) {
      if (this.ending) return this.finish();
      if (this.replayIndex < this.replayPage.length) {
        const events = this.replayPage.slice(this.replayIndex, this.replayIndex + limit);
        this.replayIndex += events.length;
        return events;
      }
      if (!this.replayDone) {
        await this.readReplayPage();
        continue;
      }
      const events = this.shiftLive(limit);
      if (events.length > 0) return events;
      return new Promise((resolve, reject) => {
        this.waiter = { resolve, reject };
      });
    }
  }

  return(): Promise<IteratorResult<StoredEvent, undefined>> {
    this.close();
    return Promise.resolve({ done: true, value: undefined });
  }

  close(): void {
    this.end(undefined);
  }

  /** Ends the stream; with an error, the consumer's next `next()` rejects with it once. */
  end(error: Error | undefined): void {
    if (this.ending) return;
    this.ending = { error, reported: false };
    this.replayPage = [];
    this.live = [];
    this.attachment?.detach();
    this.releaseSignal?.();
    this.untrack?.();
    this.settleSink();
    const waiter = this.waiter;
    this.waiter = undefined;
    if (!waiter) return;
    if (error) {
      this.ending.reported = true;
      waiter.reject(error);
    } else {
      waiter.resolve(undefined);
    }
  }

  private readonly push = (event: StoredEvent): void => {
    if (this.ending || !this.source.matches(event)) return;
    const sink = this.sink;
    // Push mode, live and caught up: straight to the consumer, in the turn the event arrived.
    if (sink && !sink.paused && this.replayDone && this.liveHead === this.live.length) {
      if (!this.isRepeat(event)) this.writeToSink(sink, [event]);
      return;
    }
    const waiter = this.waiter;
    if (waiter) {
      if (this.isRepeat(event)) return;
      this.waiter = undefined;
      waiter.resolve([event]);
      return;
    }
    if (this.live.length - this.liveHead < this.source.maxBufferedEvents) {
      this.live.push(event);
      return;
    }
    if (this.replayDone) {
      this.end(new EventStreamError("lagging"));
      return;
    }
    this.live = [];
    this.liveHead = 0;
    this.liveOverflowed = true;
  };

  private async readReplayPage(): Promise<void> {
    let page: LogPage;
    try {
      page = await this.source.readPage(this.cursor);
    } catch (error) {
      this.end(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (this.ending) return;
    if (page.gap) {
      this.end(new EventStreamError("trimmed"));
      return;
    }
    const last = page.events.at(-1);
    if (last) this.cursor = last.id;
    this.replayPage = page.events.filter((event) => this.source.matches(event));
    this.replayIndex = 0;
    if (page.events.length < this.source.pageSize) {
      // Live events dropped while the buffer overflowed may be newer than this page: read on.
      if (this.liveOverflowed) this.liveOverflowed = false;
      else this.replayDone = true;
    }
  }

  private shiftLive(limit: number): StoredEvent[] {
    const events: StoredEvent[] = [];
    while (this.liveHead < this.live.length && events.length < limit) {
      const event = this.live[this.liveHead] as StoredEvent;
      this.liveHead += 1;
      if (!this.isRepeat(event)) events.push(event);
    }
    this.compactLive();
    return events;
  }

  /** Only called for live events about to be delivered. */
  private isRepeat(event: StoredEvent): boolean {
    if (!this.deduplicating) return false;
    if (compareEventIds(event.id, this.cursor) <= 0) return true;
    this.deduplicating = false;
    return false;
  }

  private compactLive(): void {
    if (this.liveHead === this.live.length) {
      this.live = [];
      this.liveHead = 0;
    } else if (this.liveHead >= this.source.maxBufferedEvents) {
      this.live = this.live.slice(this.liveHead);
      this.liveHead = 0;
    }
  }

  private finish(): undefined {
    const ending = this.ending;
    if (ending?.error && !ending.reported) {
      ending.reported = true;
      throw ending.error;
    }
    return undefined;
  }

  private throwIfFailed(): this {
    const ending = this.ending;
    if (ending?.error) {
      ending.reported = true;
      throw ending.error;
    }
    return this;
  }

  private followSignal(signal: AbortSignal | undefined): void {
    if (!signal) return;
    if (signal.aborted) {
      this.close();
      return;
    }
    const onAbort = (): void => this.close();
    signal.addEventListener("abort", onAbort, { once: true });
    this.releaseSignal = () => signal.removeEventListener("abort", onAbort);
  }
}
