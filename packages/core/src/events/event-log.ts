import type { EventScope, StoredEvent } from "./event-bus.js";
import type { EventOf, EventType } from "./event-map.js";

/**
 * What a bus implementation provides: a durable per-session log with live delivery on top.
 * The subscription protocol (attach, replay, dedupe, lag) is written once, in create-event-bus.ts.
 */
export interface EventLog {
  append(scope: EventScope, event: EventOf<EventType>): Promise<StoredEvent>;
  /** Events of the session after `afterId`, in id order, unfiltered. */
  read(sessionId: string, afterId: string, limit: number): Promise<LogPage>;
  /**
   * Once this resolves, every event appended to the session reaches `listener`, in id order
   * (events appended just before may too). The listener must not block.
   */
  attach(sessionId: string, listener: LiveListener): Promise<LiveAttachment>;
  close(): Promise<void>;
  stats(): LogStats;
}

export type LiveListener = (event: StoredEvent) => void;

export interface LiveAttachment {
  detach(): void;
}

export interface LogPage {
  events: StoredEvent[];
  /** True when retention dropped events after `afterId`: the reader cannot resume without a gap. */
  gap: boolean;
}

export interface LogStats {
  listeners: number;
  watchedSessions: number;
  pendingReads: number;
}
