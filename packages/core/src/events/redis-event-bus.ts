import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { systemClock, type Clock } from "../ports/clock.js";
import type { ClosableEventBus } from "./event-bus.js";
import { beginningEventId, compareEventIds } from "./event-id.js";
import { createEventBus, type EventBusLimits } from "./create-event-bus.js";
import type { EventLog } from "./event-log.js";
import { createAppendBatcher, EventNotAppendedError } from "./redis-append-batcher.js";
import { readScript } from "./redis-scripts.js";
import { createStreamReader } from "./redis-stream-reader.js";
import { defaultRetention, type RetentionOptions } from "./retention.js";
import { decodeEvent, encodeEvent, storedEvent } from "./stored-event.js";

export interface RedisEventBusOptions extends EventBusLimits {
  /** Used for appends and replays; the bus duplicates it once for its wake-up subscription and never closes it. */
  redis: Redis;
  /** Prepended to every key (the server passes REDIS_KEY_PREFIX). */
  keyPrefix: string;
  /** Connection errors of live delivery; it resumes by itself, losing nothing, once Redis is back. */
  onError: (error: Error) => void;
  clock?: Clock;
  retention?: Partial<RetentionOptions>;
}

/**
 * One Redis Stream per chat session (`<prefix>events:session:<id>`), so any server instance can
 * replay and serve any subscriber. Live delivery: see createStreamReader.
 */
export function createRedisEventBus(options: RedisEventBusOptions): ClosableEventBus {
  return createEventBus(createRedisEventLog(options), options);
}

function createRedisEventLog(options: RedisEventBusOptions): EventLog {
  const { redis, keyPrefix } = options;
  const clock = options.clock ?? systemClock;
  const retention = { ...defaultRetention, ...options.retention };
  const streamKey = (sessionId: string): string => `${keyPrefix}events:session:${sessionId}`;
  const watchersKey = (sessionId: string): string => `${keyPrefix}events:watchers:${sessionId}`;
  const wakeChannel = `${keyPrefix}events:wake:${randomUUID()}`;
  const reader = createStreamReader({
    redis,
    wakeChannel,
    streamKey,
    watchersKey,
    connectionName: `${keyPrefix}event-reader`,
    decode: (id, fields) => decodeEvent(id, encodedField(fields)),
    onError: options.onError,
  });
  const appendToLog = createAppendBatcher({ redis, streamKey, watchersKey, retention, wakeChannel });

  return {
    append(scope, event) {
      const encoded = encodeEvent(scope, event);
      return appendToLog({ sessionId: scope.sessionId, encoded, nowMilliseconds: clock.now().getTime() }).then(
        ({ id, previousId }) => {
          const stored = storedEvent(id, scope, event);
          reader.appended(stored, previousId);
          return stored;
        },
        (error: unknown) => {
          // The reply may have been lost after the event was stored: if so, reading the log delivers it.
          if (!(error instanceof EventNotAppendedError)) reader.appendFailed(scope.sessionId);
          throw error;
        },
      );
    },

    async read(sessionId, afterId, limit) {
      const reply = (await readScript.run(redis, [streamKey(sessionId)], [afterId, limit])) as
        | [maxDeletedId: string, entries: Array<[id: string, fields: string[]]>]
        | null;
      const fromBeginning = afterId === beginningEventId;
      if (!reply) return { events: [], gap: !fromBeginning };
      const [maxDeletedId, entries] = reply;
      return {
        events: entries.map(([id, fields]) => decodeEvent(id, encodedField(fields))),
        gap: !fromBeginning && compareEventIds(maxDeletedId, afterId) > 0,
      };
    },

    attach: (sessionId, listener) => reader.watch(sessionId, listener),
    close: () => reader.close(),
    stats: () => reader.stats(),
  };
}

/** Entries hold one field, `e`: the encoded event. */
function encodedField(fields: string[]): string {
  return fields[1] ?? "";
}
