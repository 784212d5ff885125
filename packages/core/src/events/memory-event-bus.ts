import { systemClock, type Clock } from "../ports/clock.js";
import type { ClosableEventBus, StoredEvent } from "./event-bus.js";
import {
  beginningEventId,
  compareEventIds,
  formatEventId,
  nextEventId,
  parseEventId,
  type EventIdParts,
} from "./event-id.js";
import { createEventBus, type EventBusLimits } from "./create-event-bus.js";
import type { EventLog, LiveListener } from "./event-log.js";
import { defaultRetention, type RetentionOptions } from "./retention.js";
import { storedEvent } from "./stored-event.js";

export interface MemoryEventBusOptions extends EventBusLimits {
  clock?: Clock;
  retention?: Partial<RetentionOptions>;
}

/** The embedded default: the Redis bus's semantics (ids, retention, resume) inside one process. */
export function createMemoryEventBus(options: MemoryEventBusOptions = {}): ClosableEventBus {
  const log = createMemoryEventLog(options.clock ?? systemClock, { ...defaultRetention, ...options.retention });
  return createEventBus(log, options);
}

interface SessionLog {
  /** Retained events are `events[head..]`; the head moves as retention drops the oldest. */
  events: StoredEvent[];
  head: number;
  /** Undefined until the first append: a log that only has listeners holds no history. */
  last: EventIdParts | undefined;
  maxDeletedId: string;
  lastAppendMilliseconds: number;
  listeners: Set<LiveListener>;
}

// Idle sessions are looked for at most this often, on append, so the sweep costs nothing per event.
const sweepIntervalMilliseconds = 60_000;

export function createMemoryEventLog(clock: Clock, retention: RetentionOptions): EventLog {
  const sessions = new Map<string, SessionLog>();
  let lastSweepMilliseconds = Number.NEGATIVE_INFINITY;

  function sessionLog(sessionId: string, nowMilliseconds: number): SessionLog {
    let log = sessions.get(sessionId);
    if (!log) {
      log = {
        events: [],
        head: 0,
        last: undefined,
        maxDeletedId: beginningEventId,
        lastAppendMilliseconds: nowMilliseconds,
        listeners: new Set(),
      };
      sessions.set(sessionId, log);
    }
    return log;
  }

  function trim(log: SessionLog, nowMilliseconds: number): void {
    const cutoff = nowMilliseconds - retention.minAgeMilliseconds;
    let excess = log.events.length - log.head - retention.minEvents;
    for (; excess > 0; excess -= 1) {
      const oldest = log.events[log.head] as StoredEvent;
      if (parseEventId(oldest.id).milliseconds >= cutoff) break;
      log.maxDeletedId = oldest.id;
      log.head += 1;
    }
    if (log.head > retention.minEvents && log.head * 2 > log.events.length) {
      log.events = log.events.slice(log.head);
      log.head = 0;
    }
  }

  function sweepIdleSessions(nowMilliseconds: number): void {
    if (nowMilliseconds - lastSweepMilliseconds < sweepIntervalMilliseconds) return;
    lastSweepMilliseconds = nowMilliseconds;
    for (const [sessionId, log] of sessions) {
      const idle = nowMilliseconds - log.lastAppendMilliseconds >= retention.idleExpiryMilliseconds;
      if (idle && log.listeners.size === 0) sessions.delete(sessionId);
    }
  }

  /** Index of the first retained event after `afterId`. */
  function firstAfter(log: SessionLog, afterId: string): number {
    let low = log.head;
    let high = log.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareEventIds((log.events[middle] as StoredEvent).id, afterId) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  return {
    append(scope, event) {
      const now = clock.now().getTime();
      sweepIdleSessions(now);
      const log = sessionLog(scope.sessionId, now);
      log.last = nextEventId(log.last, now);
      const stored = storedEvent(formatEventId(log.last), scope, event);
      log.events.push(stored);
      log.lastAppendMilliseconds = now;
      trim(log, now);
      for (const listener of log.listeners) listener(stored);
      return Promise.resolve(stored);
    },

    read(sessionId, afterId, limit) {
      const log = sessions.get(sessionId);
      const fromBeginning = afterId === beginningEventId;
      if (!log?.last) return Promise.resolve({ events: [], gap: !fromBeginning });
      const start = firstAfter(log, afterId);
      return Promise.resolve({
        events: log.events.slice(start, start + limit),
        gap: !fromBeginning && compareEventIds(log.maxDeletedId, afterId) > 0,
      });
    },

    attach(sessionId, listener) {
      const log = sessionLog(sessionId, clock.now().getTime());
      log.listeners.add(listener);
      return Promise.resolve({
        detach() {
          log.listeners.delete(listener);
          if (log.listeners.size === 0 && !log.last && sessions.get(sessionId) === log) sessions.delete(sessionId);
        },
      });
    },

    close() {
      sessions.clear();
      return Promise.resolve();
    },

    stats() {
      let listeners = 0;
      let watchedSessions = 0;
      for (const log of sessions.values()) {
        listeners += log.listeners.size;
        if (log.listeners.size > 0) watchedSessions += 1;
      }
      return { listeners, watchedSessions, pendingReads: 0 };
    },
  };
}
