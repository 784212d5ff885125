import type { EventMap, EventOf, EventType, PlanEventType } from "./event-map.js";

/** Whose event it is. Each chat session has one stream; plan events go to their session's stream. */
export interface EventScope {
  userId: string;
  projectId: string;
  sessionId: string;
  /** Set for plan and task events (required there), and for any other event raised inside a plan. */
  planId?: string;
}

export type PlanEventScope = EventScope & { planId: string };

export type ScopeFor<Type extends EventType> = Type extends PlanEventType ? PlanEventScope : EventScope;

/** An event as appended to the log. Frozen, and one object shared by every local subscriber. */
export type StoredEvent<Type extends EventType = EventType> = {
  [Name in Type]: {
    /** `<milliseconds>-<sequence>`, rising within a session: the resume point for SSE and tRPC `tracked()`. */
    id: string;
    type: Name;
    payload: EventMap[Name];
    userId: string;
    projectId: string;
    sessionId: string;
    planId: string | null;
    publishedAt: string;
  };
}[Type];

export interface ReadOptions {
  /** Only events after this id; defaults to the oldest retained event. */
  afterId?: string;
  /** At most this many matching events (default 100, at most 1,000). */
  limit?: number;
}

export interface SubscribeOptions {
  /**
   * Replay the retained events after this id, then continue live, with no gap and no duplicate.
   * Without it the subscription delivers only events published after `subscribe` resolves.
   */
  afterId?: string;
  /** Aborting ends the iteration (a pending `next()` resolves done) and releases everything. */
  signal?: AbortSignal;
}

/**
 * Single-use async iterable. Ends normally on `close()`, abort, or `break`; ends with an
 * {@link EventStreamError} when the subscriber lags, its resume point was trimmed, or the bus closes.
 */
export interface EventSubscription extends AsyncIterable<StoredEvent> {
  /**
   * The same stream, handing over every event already waiting at once (at least one per step).
   * Under load a transport then serializes and writes a burst in one go instead of paying an
   * await per event. Iterate either this or the subscription itself, not both.
   */
  batches(): AsyncIterable<StoredEvent[]>;
  /**
   * Push mode, for transports that write to a socket: every event goes to `write` as soon as it
   * is available (a replayed page at a time, live ones in the turn they arrive), with no promise
   * per event. When `write` returns false, events wait in the subscriber's bounded buffer (past it
   * the stream ends as `lagging`) until `resume()`. Resolves when the stream ends normally, rejects
   * with the error the iteration would throw. Use this, the iteration or `batches()`, only one.
   */
  deliver(write: (events: StoredEvent[]) => boolean): Promise<void>;
  /** After `write` returned false: hands over what waited meanwhile, and continues. */
  resume(): void;
  close(): void;
}

/** The port producers and transports use. Scope filtering (user, project, plan) happens inside the bus. */
export interface EventBus {
  /**
   * Events one process publishes are stored in the order it calls `publish`, whether or not the
   * earlier ones are stored yet: a publisher need not wait for one event before publishing the next.
   */
  publish<Type extends EventType>(scope: ScopeFor<Type>, event: EventOf<Type>): Promise<StoredEvent<Type>>;
  read(scope: EventScope, options?: ReadOptions): Promise<StoredEvent[]>;
  /**
   * Attaches to live delivery first, then replays from `afterId`, then goes live: the order that
   * loses nothing. Rejects with an `EventStreamError("trimmed")` when events after `afterId` are no longer retained.
   */
  subscribe(scope: EventScope, options?: SubscribeOptions): Promise<EventSubscription>;
}

/** What the composition root holds: the port plus lifecycle and the counts the leak checks read. */
export interface ClosableEventBus extends EventBus {
  /** Ends every subscription with `EventStreamError("closed")` and releases connections. */
  close(): Promise<void>;
  stats(): EventBusStats;
}

export interface EventBusStats {
  /**
   * Subscriptions whose `subscribe` has resolved, so every event published from now on reaches
   * them: a test may publish once this counts its subscriber. Ones still attaching are not counted.
   */
  subscriptions: number;
  /** Live-delivery listeners attached to session logs. */
  listeners: number;
  /** Sessions the bus is delivering live. */
  watchedSessions: number;
  /** Blocking reads in flight (Redis); always 0 in process. */
  pendingReads: number;
}

/**
 * Why a stream ended early:
 * - `lagging`: the subscriber fell more than its buffer behind; resume from the last event it received.
 * - `trimmed`: events after the resume point are no longer retained; reload state, then subscribe without `afterId`.
 * - `closed`: the bus is shutting down; reconnect (to another instance) and resume.
 */
export type EventStreamEndReason = "lagging" | "trimmed" | "closed";

const reasonMessages: Record<EventStreamEndReason, string> = {
  lagging: "The subscriber fell too far behind and was disconnected; resume from the last event received.",
  trimmed: "Events after the resume point are no longer retained.",
  closed: "The event bus is shutting down.",
};

export class EventStreamError extends Error {
  readonly reason: EventStreamEndReason;

  constructor(reason: EventStreamEndReason) {
    super(reasonMessages[reason]);
    this.name = "EventStreamError";
    this.reason = reason;
  }
}

export function isEventStreamError(error: unknown): error is EventStreamError {
  return error instanceof EventStreamError;
}
