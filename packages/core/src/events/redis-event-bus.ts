import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { systemClock, type Clock } from "../ports/clock.js";
import type { ClosableEventBus } from "./event-bus.js";
import { beginningEventId, compareEventIds } from "./event-id.js";
import { createEventBus, type EventBusLimits } from "./create-event-bus.js";
import type { EventLog } from "./event-log.js";
import { appendScript, readScript } from "./redis-scripts.js";
import { createStreamReader } from "./redis-stream-reader.js";
import { defaultRetention, type RetentionOptions } from "./retention.js";
import { decodeEvent, encodeEvent } from "./stored-event.js";

export interface RedisEventBusOptions extends EventBusLimits {
  /** Used for appends and replays; the bus duplicates it once for its blocking reader and never closes it. */
  redis: Redis;
  /** Prepended to every key (the server passes REDIS_KEY_PREFIX). */
  keyPrefix: string;
  /** Connection errors of the blocking reader; live delivery resumes by itself once Redis is back. */
  onError: (error: Error) => void;
  clock?: Clock;
  retention?: Partial<RetentionOptions>;
  /** How long one blocking read waits before it is re-issued (default 5 s). */
  blockMilliseconds?: number;
}

/**
 * One Redis Stream per chat session (`<prefix>events:session:<id>`), so any server instance can
 * replay and serve any subscriber; one shared blocking reader per instance delivers live.
 */
export function createRedisEventBus(options: RedisEventBusOptions): ClosableEventBus {
  return createEventBus(createRedisEventLog(options), options);
}

function createRedisEventLog(options: RedisEventBusOptions): EventLog {
  const { redis, keyPrefix } = options;
  const clock = options.clock ?? systemClock;
  const retention = { ...defaultRetention, ...options.retention };
  const streamKey = (sessionId: string): string => `${keyPrefix}events:session:${sessionId}`;
  const reader = createStreamReader({
    redis,
    wakeKey: `${keyPrefix}events:wake:${randomUUID()}`,
    connectionName: `${keyPrefix}event-reader`,
    blockMilliseconds: options.blockMilliseconds ?? 5_000,
    decode: (id, fields) => decodeEvent(id, encodedField(fields)),
    onError: options.onError,
  });

  return {
    async append(scope, event) {
      const now = clock.now().getTime();
      const encoded = encodeEvent(scope, event);
      const id = (await appendScript.run(
        redis,
        [streamKey(scope.sessionId)],
        [now, encoded, retention.minEvents, Math.max(0, now - retention.minAgeMilliseconds), retention.idleExpiryMilliseconds],
      )) as string;
      return decodeEvent(id, encoded);
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

    attach: (sessionId, listener) => reader.watch(streamKey(sessionId), listener),
    close: () => reader.close(),
    stats: () => reader.stats(),
  };
}

/** Entries hold one field, `e`: the encoded event. */
function encodedField(fields: string[]): string {
  return fields[1] ?? "";
}
