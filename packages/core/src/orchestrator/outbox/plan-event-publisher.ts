import type { Database } from "@codelab/db";
import type { EventBus } from "../../events/event-bus.js";
import type { LlmLogger } from "../../llm/llm-logger.js";
import { markPlanEventsPublished, planEventBatchSize, readUnpublishedPlanEvents, sendPlanEvents, type RecordedPlanEvent } from "../plan-events.js";

/** Sends a plan's recorded events to the bus after each committed transition. */
export interface PlanEventPublisher {
  /**
   * Reads the plan's unpublished events from the outbox and sends them. Resolves once the events
   * recorded before the call are published and marked so; never rejects (a failure is logged and
   * retried by the next call).
   */
  publish(planId: string): Promise<void>;
  /**
   * Sends events a transition recorded and returned from its own statement, saving the read.
   * Events it could not send stay in the outbox for the plan's next `publish`.
   */
  send(recorded: readonly RecordedPlanEvent[]): Handover;
  /** Stores every published mark still waiting to be gathered into a statement (on shutdown). */
  flush(): Promise<void>;
}

/** Neither promise rejects. */
export interface Handover {
  /**
   * Settles once the events are handed to the bus. The bus stores events in the order it is handed
   * them, so what must follow them (a task's deltas after its `task-start`) may be published from
   * then on, and goes to the bus with them rather than one round trip later.
   */
  issued: Promise<void>;
  /** Settles once the bus has stored them (or refused them); their mark is stored afterwards. */
  sent: Promise<void>;
}

interface HandedEvents {
  recorded: readonly RecordedPlanEvent[];
  issued: () => void;
  sent: () => void;
}

const byId = (left: RecordedPlanEvent, right: RecordedPlanEvent) => (left.id < right.id ? -1 : left.id > right.id ? 1 : 0);

interface PublishedMarker {
  /**
   * Resolves once the ids are marked published (or the mark failed). `now`: someone waits for the
   * mark, and for those still gathering; otherwise it may wait up to the gathering interval, to
   * share its statement with later ones.
   */
  mark(ids: readonly bigint[], timing: "now" | "gathered"): Promise<void>;
  /** Stores every waiting mark now. */
  flush(): Promise<void>;
}

/**
 * Stores published marks in as few statements as it can: ids arriving while a mark is stored go
 * together in the next one (group commit), and marks nobody waits for are gathered over a short
 * interval first. A mark only spares recovery from sending an event again, so delaying one risks
 * a duplicate after a crash (at least once, as documented), never a loss. An id leaves `unmarked`
 * once its mark is stored or has failed (a failed mark lets the next read send the event again).
 */
function createPublishedMarker(db: Database, logger: LlmLogger, unmarked: Set<bigint>, gatherMilliseconds: number): PublishedMarker {
  let queued: bigint[] = [];
  let waiting: Array<() => void> = [];
  let storing: Promise<void> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function storeWhileQueued(): Promise<void> {
    while (queued.length > 0) {
      const ids = queued;
      const resolvers = waiting;
      queued = [];
      waiting = [];
      try {
        await markPlanEventsPublished(db, ids);
      } catch (error) {
        logger.warn("could not mark plan events published", { error: String(error) });
      }
      for (const id of ids) unmarked.delete(id);
      for (const resolve of resolvers) resolve();
    }
  }

  function storeNow(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    storing ??= storeWhileQueued().finally(() => {
      storing = undefined;
      // Ids queued after the last round's check but before this ran.
      if (queued.length > 0) void storeNow();
    });
    return storing;
  }

  return {
    mark(ids, timing) {
      // A reader waits for the marks of every event handed over before it, not only for its own.
      if (ids.length === 0) return timing === "now" && queued.length > 0 ? storeNow() : Promise.resolve();
      return new Promise<void>((resolve) => {
        queued.push(...ids);
        waiting.push(resolve);
        if (timing === "now" || storing) void storeNow();
        else timer ??= setTimeout(() => void storeNow(), gatherMilliseconds).unref();
      });
    },
    async flush() {
      if (queued.length > 0) await storeNow();
      await storing;
    },
  };
}

/**
 * One per process, shared by everything that moves plans. One send runs at a time, so two
 * transitions of one plan can never publish the same outbox row twice or out of order. Requests
 * arriving during a send are gathered and served together by the next one: a busy engine pays
 * one read per send, not per transition, and none for events handed over by the statement that
 * recorded them. Marks are stored while the next send already runs (their rows left out of its
 * read), so a task's `task-start` never waits behind the previous transition's mark; the marks of
 * handed-over events are gathered over `markGatherMilliseconds` into one statement.
 */
export interface PlanEventPublisherOptions {
  db: Database;
  events: EventBus;
  logger: LlmLogger;
  /** How long the published marks of handed-over events wait to share one statement (default 100 ms). */
  markGatherMilliseconds?: number;
}

export function createPlanEventPublisher({ db, events, logger, markGatherMilliseconds = 100 }: PlanEventPublisherOptions): PlanEventPublisher {
  let reads = new Map<string, Array<() => void>>();
  let handed: HandedEvents[] = [];
  let sending = false;
  /** Handed over or sent, their mark not stored yet: reads leave them out. */
  const unmarked = new Set<bigint>();
  const marker = createPublishedMarker(db, logger, unmarked, markGatherMilliseconds);

  function requestRead(planId: string, resolve: () => void): void {
    const resolvers = reads.get(planId);
    if (resolvers) resolvers.push(resolve);
    else reads.set(planId, [resolve]);
  }

  async function sendWhileRequested(): Promise<void> {
    sending = true;
    while (reads.size > 0 || handed.length > 0) {
      const readBatch = reads;
      const handedBatch = handed;
      reads = new Map();
      handed = [];
      const handedEvents = handedBatch.flatMap((handover) => handover.recorded);
      let marked: Promise<void> = Promise.resolve();
      let readAgain = false;
      try {
        const fromOutbox = readBatch.size > 0 ? await readUnpublishedPlanEvents(db, { planIds: [...readBatch.keys()], excluding: unmarked }) : [];
        // Events handed over while the read was on its way are sent by their handover.
        const read = fromOutbox.filter((row) => !unmarked.has(row.id));
        const sending = sendPlanEvents(events, [...handedEvents, ...read].sort(byId));
        for (const handover of handedBatch) handover.issued();
        const { sent, failure } = await sending;
        for (const id of sent) unmarked.add(id);
        const sentIds = new Set(sent);
        // Handed events that did not go out are the outbox's again: the plan's next read finds them.
        for (const { id } of handedEvents) if (!sentIds.has(id)) unmarked.delete(id);
        // Readers wait for the mark; a handover only for the send.
        marked = marker.mark(sent, readBatch.size > 0 ? "now" : "gathered");
        // The transitions are committed and their events stay in the outbox: the plans' next publish sends them.
        if (failure !== undefined) logger.warn("could not publish plan events", { planIds: [...readBatch.keys()], error: failure.message });
        // A full batch may have left events behind: the same plans go round again before their callers hear back.
        else readAgain = fromOutbox.length === planEventBatchSize;
      } catch (error) {
        for (const { id } of handedEvents) unmarked.delete(id);
        logger.warn("could not publish plan events", { planIds: [...readBatch.keys()], error: String(error) });
      }
      for (const handover of handedBatch) {
        handover.issued();
        handover.sent();
      }
      if (readAgain) {
        for (const [planId, resolvers] of readBatch) for (const resolve of resolvers) requestRead(planId, resolve);
        continue;
      }
      void marked.then(() => {
        for (const resolvers of readBatch.values()) for (const resolve of resolvers) resolve();
      });
    }
    sending = false;
  }

  return {
    publish(planId) {
      return new Promise<void>((resolve) => {
        requestRead(planId, resolve);
        if (!sending) void sendWhileRequested();
      });
    },

    send(recorded) {
      if (recorded.length === 0) return { issued: Promise.resolve(), sent: Promise.resolve() };
      // Left out of any read from now on: the handover is what sends them.
      for (const { id } of recorded) unmarked.add(id);
      let issued!: () => void;
      let sent!: () => void;
      const handover: Handover = { issued: new Promise((resolve) => (issued = resolve)), sent: new Promise((resolve) => (sent = resolve)) };
      handed.push({ recorded, issued, sent });
      if (!sending) void sendWhileRequested();
      return handover;
    },

    flush: () => marker.flush(),
  };
}
