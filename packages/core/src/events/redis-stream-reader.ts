import type { Redis } from "ioredis";
import type { StoredEvent } from "./event-bus.js";
import { beginningEventId, compareEventIds } from "./event-id.js";
import type { LiveAttachment, LiveListener, LogStats } from "./event-log.js";

export interface StreamReaderOptions {
  /** For the short commands; the reader duplicates it for its one blocking connection. */
  redis: Redis;
  /** A stream only this reader reads: appending to it interrupts the blocking read when the set of streams grows. */
  wakeKey: string;
  connectionName: string;
  blockMilliseconds: number;
  decode: (id: string, fields: string[]) => StoredEvent;
  onError: (error: Error) => void;
}

export interface StreamReader {
  watch(streamKey: string, listener: LiveListener): Promise<LiveAttachment>;
  close(): Promise<void>;
  stats(): LogStats;
}

interface WatchedStream {
  /** The last id delivered; null until the stream's current end is known. */
  cursor: string | null;
  listeners: Set<LiveListener>;
  ready: Promise<void>;
}

type ReadReply = Array<[key: string, entries: Array<[id: string, fields: string[]]>]>;

const entriesPerStreamPerRead = 500;
const wakeKeyTtlMilliseconds = 60 * 60 * 1000;
const retryDelaysMilliseconds = [100, 250, 500, 1_000, 2_000];

/**
 * One blocking XREAD on one dedicated connection serves every watched session of this process,
 * so Redis connections do not grow with subscribers. Each stream is read from its own cursor,
 * so a reconnect or a retry after an error resumes exactly where delivery stopped.
 */
export function createStreamReader(options: StreamReaderOptions): StreamReader {
  const { redis, wakeKey, onError } = options;
  const streams = new Map<string, WatchedStream>();
  let connection: Redis | undefined;
  let loop: Promise<void> | undefined;
  let wakeCursor = beginningEventId;
  let pendingReads = 0;
  let closed = false;
  let cancelPause: (() => void) | undefined;

  function reportError(error: unknown): void {
    onError(error instanceof Error ? error : new Error(String(error)));
  }

  function readerConnection(): Redis {
    if (!connection) {
      connection = redis.duplicate({ connectionName: options.connectionName, enableAutoPipelining: false });
      // Without a listener every reconnect attempt would be an unhandled "error" event.
      connection.on("error", reportError);
    }
    return connection;
  }

  function wake(): void {
    Promise.all([
      redis.xadd(wakeKey, "MAXLEN", "1", "*", "w", "1"),
      redis.pexpire(wakeKey, wakeKeyTtlMilliseconds),
    ]).catch(reportError);
  }

  function ensureReading(): void {
    if (closed) return;
    if (loop) {
      wake();
      return;
    }
    loop = readLoop().finally(() => {
      loop = undefined;
      // A stream may have become ready while the loop was deciding to stop.
      if (streams.size > 0) ensureReading();
    });
  }

  async function readLoop(): Promise<void> {
    let failures = 0;
    while (!closed && streams.size > 0) {
      const keys = [wakeKey];
      const cursors = [wakeCursor];
      for (const [key, stream] of streams) {
        if (stream.cursor === null) continue;
        keys.push(key);
        cursors.push(stream.cursor);
      }
      let reply: ReadReply | null;
      pendingReads += 1;
      try {
        reply = await readerConnection().xread(
          "COUNT",
          entriesPerStreamPerRead,
          "BLOCK",
          options.blockMilliseconds,
          "STREAMS",
          ...keys,
          ...cursors,
        );
        failures = 0;
      } catch (error) {
        if (closed) return;
        reportError(error);
        await pause(retryDelaysMilliseconds[Math.min(failures, retryDelaysMilliseconds.length - 1)] as number);
        failures += 1;
        continue;
      } finally {
        pendingReads -= 1;
      }
      if (reply) dispatch(reply);
    }
  }

  function dispatch(reply: ReadReply): void {
    for (const [key, entries] of reply) {
      if (key === wakeKey) {
        wakeCursor = entries.at(-1)?.[0] ?? wakeCursor;
        continue;
      }
      const stream = streams.get(key);
      if (!stream || stream.cursor === null) continue;
      for (const [id, fields] of entries) {
        // A stream re-watched during this read started from a newer cursor than the one read with.
        if (compareEventIds(id, stream.cursor) <= 0) continue;
        stream.cursor = id;
        let event: StoredEvent;
        try {
          event = options.decode(id, fields);
        } catch (error) {
          reportError(error);
          continue;
        }
        for (const listener of stream.listeners) listener(event);
      }
    }
  }

  function pause(milliseconds: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, milliseconds);
      cancelPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  function startWatching(key: string): WatchedStream {
    const stream: WatchedStream = { cursor: null, listeners: new Set(), ready: Promise.resolve() };
    stream.ready = (async () => {
      try {
        const [last] = await redis.xrevrange(key, "+", "-", "COUNT", 1);
        stream.cursor = last ? last[0] : beginningEventId;
      } catch (error) {
        if (streams.get(key) === stream) streams.delete(key);
        throw error;
      }
      if (streams.get(key) === stream) ensureReading();
    })();
    streams.set(key, stream);
    return stream;
  }

  return {
    async watch(key, listener) {
      const stream = streams.get(key) ?? startWatching(key);
      stream.listeners.add(listener);
      const detach = (): void => {
        stream.listeners.delete(listener);
        if (stream.listeners.size > 0 || streams.get(key) !== stream) return;
        streams.delete(key);
        // Let a loop blocked on streams nobody watches any more stop now rather than at its timeout.
        if (streams.size === 0 && loop) wake();
      };
      // A new stream is only read once its current end is known; appends after that are all delivered.
      try {
        await stream.ready;
      } catch (error) {
        detach();
        throw error;
      }
      return { detach };
    },

    async close() {
      closed = true;
      streams.clear();
      cancelPause?.();
      connection?.disconnect();
      await loop;
      // Shutting down must not fail because Redis is down; the key expires by itself, and the failure is reported.
      await redis.del(wakeKey).catch(reportError);
    },

    stats() {
      let listeners = 0;
      for (const stream of streams.values()) listeners += stream.listeners.size;
      return { listeners, watchedSessions: streams.size, pendingReads };
    },
  };
}
