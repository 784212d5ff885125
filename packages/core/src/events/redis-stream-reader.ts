import type { Redis } from "ioredis";
import type { StoredEvent } from "./event-bus.js";
import { beginningEventId, compareEventIds } from "./event-id.js";
import type { LiveAttachment, LiveListener, LogStats } from "./event-log.js";
import { registerWatcherScript, unregisterWatcherScript } from "./redis-scripts.js";

export interface StreamReaderOptions {
  /** For the short commands; the reader duplicates it for its one wake-up subscription. */
  redis: Redis;
  /** This instance's wake-up channel: other instances publish `<id> <sessionId>` on it after appending to a session it watches. */
  wakeChannel: string;
  streamKey(sessionId: string): string;
  watchersKey(sessionId: string): string;
  connectionName: string;
  decode: (id: string, fields: string[]) => StoredEvent;
  onError: (error: Error) => void;
}

export interface StreamReader {
  watch(sessionId: string, listener: LiveListener): Promise<LiveAttachment>;
  /**
   * An event this instance has just appended, with the id it follows in the log. Delivered at once
   * when that id is the last one delivered; otherwise another instance's event lies between, and
   * the session is read from the log instead, so order holds.
   */
  appended(event: StoredEvent, previousId: string): void;
  /** An append whose outcome is unknown (its reply was lost): the log is read in case it landed. */
  appendFailed(sessionId: string): void;
  close(): Promise<void>;
  stats(): LogStats;
}

interface WatchedSession {
  sessionId: string;
  /** The last id delivered; null until the stream's current end is known. */
  cursor: string | null;
  listeners: Set<LiveListener>;
  ready: Promise<void>;
  /** The log may hold events after the cursor that were not delivered: read it (again) when possible. */
  stale: boolean;
  reading: boolean;
}

type RangeReply = Array<[id: string, fields: string[]]>;

const entriesPerRead = 500;
/** How long a registration as watcher lasts unless renewed; it is renewed every third of that while watching. */
const registrationMilliseconds = 5 * 60 * 1000;
const retryDelaysMilliseconds = [100, 250, 500, 1_000, 2_000];

/**
 * Live delivery on top of the session logs, with no Redis round trip for events this instance
 * appends: they go to its subscribers straight from the append's reply, with the id Redis stored.
 * Events appended by other instances arrive as a wake-up on this instance's one Pub/Sub channel
 * (the append script publishes to every instance registered as watching the session), after which
 * the session's stream is read from the last delivered id. Pub/Sub only ever says "read the log":
 * after the subscription connection reconnects, every watched session is read, so a wake-up lost
 * while it was down loses nothing. Redis connections do not grow with subscribers or sessions.
 */
export function createStreamReader(options: StreamReaderOptions): StreamReader {
  const { redis, wakeChannel, onError } = options;
  const sessions = new Map<string, WatchedSession>();
  let connection: Redis | undefined;
  let renewal: ReturnType<typeof setInterval> | undefined;
  let renewalFailed = false;
  let pendingReads = 0;
  let closed = false;
  const retryTimers = new Set<ReturnType<typeof setTimeout>>();

  function reportError(error: unknown): void {
    onError(error instanceof Error ? error : new Error(String(error)));
  }

  function deliver(session: WatchedSession, event: StoredEvent): void {
    session.cursor = event.id;
    for (const listener of session.listeners) listener(event);
  }

  /** Reads the session's log after its cursor until caught up; one read at a time per session. */
  function readLog(session: WatchedSession, failures = 0): void {
    session.stale = true;
    if (session.reading || session.cursor === null || closed || sessions.get(session.sessionId) !== session) return;
    session.reading = true;
    session.stale = false;
    pendingReads += 1;
    redis.xrange(options.streamKey(session.sessionId), `(${session.cursor}`, "+", "COUNT", entriesPerRead).then(
      (entries: RangeReply) => {
        pendingReads -= 1;
        session.reading = false;
        if (sessions.get(session.sessionId) !== session) return;
        for (const [id, fields] of entries) {
          // Delivered directly from an append meanwhile.
          if (compareEventIds(id, session.cursor as string) <= 0) continue;
          let event: StoredEvent;
          try {
            event = options.decode(id, fields);
          } catch (error) {
            session.cursor = id;
            reportError(error);
            continue;
          }
          deliver(session, event);
        }
        if (entries.length === entriesPerRead || session.stale) readLog(session);
      },
      (error: unknown) => {
        pendingReads -= 1;
        session.reading = false;
        if (closed) return;
        reportError(error);
        const timer = setTimeout(() => {
          retryTimers.delete(timer);
          readLog(session, failures + 1);
        }, retryDelaysMilliseconds[Math.min(failures, retryDelaysMilliseconds.length - 1)]);
        retryTimers.add(timer);
      },
    );
  }

  function onWake(_channel: string, message: string): void {
    const space = message.indexOf(" ");
    const session = sessions.get(message.slice(space + 1));
    if (!session) return;
    // Already read along with an earlier wake-up.
    if (session.cursor !== null && compareEventIds(message.slice(0, space), session.cursor) <= 0) return;
    readLog(session);
  }

  /** After (re)subscribing: wake-ups published while unsubscribed are gone, so every watched log is read. */
  function readAllLogs(): void {
    for (const session of sessions.values()) readLog(session);
  }

  function wakeConnection(): Redis {
    if (!connection) {
      const subscriber = redis.duplicate({ connectionName: options.connectionName, enableAutoPipelining: false, autoResubscribe: false });
      // Without a listener every reconnect attempt would be an unhandled "error" event.
      subscriber.on("error", reportError);
      subscriber.on("message", onWake);
      // On every (re)connection: registrations are renewed too, in case Redis itself restarted and lost them.
      subscriber.on("ready", () => {
        subscriber
          .subscribe(wakeChannel)
          .then(renewRegistrations)
          .then(readAllLogs, (error: unknown) => {
            if (!closed) reportError(error);
          });
      });
      connection = subscriber;
      renewal = setInterval(() => void renewRegistrations(), registrationMilliseconds / 3);
      renewal.unref();
    }
    return connection;
  }

  function register(sessionId: string): Promise<unknown> {
    return registerWatcherScript.run(redis, [options.watchersKey(sessionId)], [wakeChannel, registrationMilliseconds]);
  }

  function renewRegistrations(): Promise<void> {
    return Promise.all([...sessions.keys()].map(register)).then(
      () => {
        // Registrations may have lapsed while renewing failed: other instances' wake-ups could have missed us.
        if (renewalFailed) readAllLogs();
        renewalFailed = false;
      },
      (error: unknown) => {
        renewalFailed = true;
        reportError(error);
      },
    );
  }

  /** Unregistrations still on their way, so closing waits for them (a caller may quit the connection next). */
  const unregistering = new Set<Promise<unknown>>();

  function unregister(sessionId: string): void {
    const done = unregisterWatcherScript
      .run(redis, [options.watchersKey(sessionId)], [wakeChannel])
      .catch(reportError)
      .finally(() => unregistering.delete(done));
    unregistering.add(done);
  }

  function startWatching(sessionId: string): WatchedSession {
    const session: WatchedSession = { sessionId, cursor: null, listeners: new Set(), ready: Promise.resolve(), stale: false, reading: false };
    wakeConnection();
    session.ready = (async () => {
      try {
        // Registered first: every append after the end read next wakes this instance.
        await register(sessionId);
        const [last] = await redis.xrevrange(options.streamKey(sessionId), "+", "-", "COUNT", 1);
        session.cursor = last ? last[0] : beginningEventId;
      } catch (error) {
        if (sessions.get(sessionId) === session) sessions.delete(sessionId);
        throw error;
      }
      // A wake-up or sweep that came before the end was known.
      if (session.stale) readLog(session);
    })();
    sessions.set(sessionId, session);
    return session;
  }

  return {
    async watch(sessionId, listener) {
      const session = sessions.get(sessionId) ?? startWatching(sessionId);
      session.listeners.add(listener);
      const detach = (): void => {
        session.listeners.delete(listener);
        if (session.listeners.size > 0 || sessions.get(sessionId) !== session) return;
        sessions.delete(sessionId);
        unregister(sessionId);
      };
      // A new session is only delivered once its current end is known; appends after that all are.
      try {
        await session.ready;
      } catch (error) {
        detach();
        throw error;
      }
      return { detach };
    },

    appended(event, previousId) {
      const session = sessions.get(event.sessionId);
      if (!session || session.cursor === null) return;
      if (previousId === session.cursor) deliver(session, event);
      else if (compareEventIds(event.id, session.cursor) > 0) readLog(session);
    },

    appendFailed(sessionId) {
      const session = sessions.get(sessionId);
      if (session) readLog(session);
    },

    async close() {
      closed = true;
      clearInterval(renewal);
      for (const timer of retryTimers) clearTimeout(timer);
      for (const sessionId of sessions.keys()) unregister(sessionId);
      sessions.clear();
      connection?.disconnect();
      // Shutting down does not fail because Redis is down: failures are reported, and registrations lapse by themselves.
      await Promise.all(unregistering);
    },

    stats() {
      let listeners = 0;
      for (const session of sessions.values()) listeners += session.listeners.size;
      return { listeners, watchedSessions: sessions.size, pendingReads };
    },
  };
}
