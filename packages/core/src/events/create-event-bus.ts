import { AppError } from "../errors/app-error.js";
import { EventStreamError, type ClosableEventBus, type EventScope, type StoredEvent } from "./event-bus.js";
import { beginningEventId, isEventId } from "./event-id.js";
import type { EventOf, EventType } from "./event-map.js";
import type { EventLog } from "./event-log.js";
import { Subscription } from "./subscription.js";

export interface EventBusLimits {
  /** Live events a subscriber may have waiting before it is ended as `lagging` (default 1,000). */
  maxBufferedEvents?: number;
}

const pageSize = 200;
const defaultReadLimit = 100;
const maxReadLimit = 1_000;

/** The bus behaviour shared by both implementations, on top of their logs. */
export function createEventBus(log: EventLog, limits: EventBusLimits = {}): ClosableEventBus {
  const maxBufferedEvents = limits.maxBufferedEvents ?? 1_000;
  /** Every subscription until it ends, opening ones included: closing the bus ends them all. */
  const subscriptions = new Set<Subscription>();
  /** Those whose `subscribe` has resolved: delivering every event published from then on. */
  const opened = new Set<Subscription>();
  let closed = false;

  function assertOpen(): void {
    if (closed) throw new EventStreamError("closed");
  }

  return {
    // Not async: one promise per event fewer on the hottest path.
    publish<Type extends EventType>(scope: EventScope, event: EventOf<Type>) {
      if (closed) return Promise.reject(new EventStreamError("closed"));
      return log.append(scope, event) as Promise<StoredEvent<Type>>;
    },

    async read(scope, options = {}) {
      assertOpen();
      const afterId = validAfterId(options.afterId) ?? beginningEventId;
      const limit = Math.min(Math.max(options.limit ?? defaultReadLimit, 1), maxReadLimit);
      const matches = scopeFilter(scope);
      const found: StoredEvent[] = [];
      let cursor = afterId;
      for (;;) {
        const page = await log.read(scope.sessionId, cursor, pageSize);
        if (page.gap) throw new EventStreamError("trimmed");
        for (const event of page.events) {
          if (!matches(event)) continue;
          found.push(event);
          if (found.length === limit) return found;
        }
        const last = page.events.at(-1);
        if (!last || page.events.length < pageSize) return found;
        cursor = last.id;
      }
    },

    async subscribe(scope, options = {}) {
      assertOpen();
      const afterId = validAfterId(options.afterId);
      const subscription = await Subscription.open(
        {
          attach: (listener) => log.attach(scope.sessionId, listener),
          readPage: (cursor) => log.read(scope.sessionId, cursor, pageSize),
          pageSize,
          matches: scopeFilter(scope),
          maxBufferedEvents,
          track(opening) {
            subscriptions.add(opening);
            return () => {
              subscriptions.delete(opening);
              opened.delete(opening);
            };
          },
        },
        afterId,
        options.signal,
      );
      if (!subscription.ended) opened.add(subscription);
      return subscription;
    },

    async close() {
      if (closed) return;
      closed = true;
      for (const subscription of [...subscriptions]) subscription.end(new EventStreamError("closed"));
      await log.close();
    },

    stats() {
      return { subscriptions: opened.size, ...log.stats() };
    },
  };
}

/** A session's stream may only ever hold that session's events; the user and project check is defence in depth. */
function scopeFilter(scope: EventScope): (event: StoredEvent) => boolean {
  const { userId, projectId, planId } = scope;
  return (event) =>
    event.userId === userId && event.projectId === projectId && (planId === undefined || event.planId === planId);
}

function validAfterId(afterId: string | undefined): string | undefined {
  if (afterId === undefined || isEventId(afterId)) return afterId;
  throw new AppError("VALIDATION_FAILED", "afterId is not an event id.", {
    details: { fields: [{ field: "afterId", message: "must be an event id such as 1767225600000-0" }] },
  });
}
