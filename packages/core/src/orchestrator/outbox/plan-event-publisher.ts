import type { Database } from "@codelab/db";
import type { EventBus } from "../../events/event-bus.js";
import type { LlmLogger } from "../../llm/llm-logger.js";
import { markPlanEventsPublished, planEventBatchSize, sendPlanEvents } from "../plan-events.js";

/** Sends a plan's recorded events to the bus after each committed transition. */
export interface PlanEventPublisher {
  /**
   * Resolves once the plan's events recorded before the call are published and marked so; never
   * rejects (a failure is logged and retried by the next call).
   */
  publish(planId: string): Promise<void>;
}

/**
 * One per process, shared by everything that moves plans. One send runs at a time, so two
 * transitions of one plan can never publish the same outbox row twice or out of order. Requests
 * arriving during a send are gathered and served together by the next one: a busy engine pays
 * one read per send, not per transition. The published mark of a send is stored while the next
 * send already runs (its rows left out of that read), so a task's `task-start` never waits behind
 * the previous transition's mark.
 */
export function createPlanEventPublisher({ db, events, logger }: { db: Database; events: EventBus; logger: LlmLogger }): PlanEventPublisher {
  let waiting = new Map<string, Array<() => void>>();
  let sending = false;
  /** Sent, their mark not stored yet. */
  const marking = new Set<bigint>();

  function request(planId: string, resolve: () => void): void {
    const resolvers = waiting.get(planId);
    if (resolvers) resolvers.push(resolve);
    else waiting.set(planId, [resolve]);
  }

  async function sendWhileRequested(): Promise<void> {
    sending = true;
    while (waiting.size > 0) {
      const batch = waiting;
      waiting = new Map();
      const planIds = [...batch.keys()];
      let marked: Promise<void> = Promise.resolve();
      try {
        const { read, sent, failure } = await sendPlanEvents({ db, events }, { planIds, excluding: marking });
        for (const id of sent) marking.add(id);
        marked = markPlanEventsPublished(db, sent)
          .catch((error: unknown) => logger.warn("could not mark plan events published", { planIds, error: String(error) }))
          .finally(() => {
            for (const id of sent) marking.delete(id);
          });
        // The transitions are committed and their events stay in the outbox: the plans' next publish sends them.
        if (failure !== undefined) logger.warn("could not publish plan events", { planIds, error: failure.message });
        // A full batch may have left events behind: the same plans go round again before their callers hear back.
        else if (read === planEventBatchSize) {
          for (const [planId, resolvers] of batch) for (const resolve of resolvers) request(planId, resolve);
          continue;
        }
      } catch (error) {
        logger.warn("could not publish plan events", { planIds, error: String(error) });
      }
      void marked.then(() => {
        for (const resolvers of batch.values()) for (const resolve of resolvers) resolve();
      });
    }
    sending = false;
  }

  return {
    publish(planId) {
      return new Promise<void>((resolve) => {
        request(planId, resolve);
        if (!sending) void sendWhileRequested();
      });
    },
  };
}
