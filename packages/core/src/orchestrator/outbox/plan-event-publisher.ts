import type { Database } from "@codelab/db";
import type { EventBus } from "../../events/event-bus.js";
import type { LlmLogger } from "../../llm/llm-logger.js";
import { publishPlanEvents } from "../plan-events.js";

/** Sends a plan's recorded events to the bus after each committed transition. */
export interface PlanEventPublisher {
  /** Resolves once the plan's pending events are published; never rejects (a failure is logged and retried by the next call). */
  publish(planId: string): Promise<void>;
}

/**
 * One per process, shared by everything that moves plans: calls run one after another, so two
 * transitions of one plan can never publish the same outbox row twice or out of order.
 */
export function createPlanEventPublisher({ db, events, logger }: { db: Database; events: EventBus; logger: LlmLogger }): PlanEventPublisher {
  let previous: Promise<void> = Promise.resolve();
  return {
    publish(planId) {
      const run = previous.then(async () => {
        try {
          await publishPlanEvents({ db, events }, { planId });
        } catch (error) {
          // The transition is committed and its events stay in the outbox: the plan's next publish sends them.
          logger.warn("could not publish plan events", { planId, error: String(error) });
        }
      });
      previous = run;
      return run;
    },
  };
}
