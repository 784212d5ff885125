import type { EventBus } from "../../events/event-bus.js";
import type { LlmLogger } from "../../llm/llm-logger.js";
import type { Clock } from "../../ports/clock.js";
import { expireOverdueToolApprovals } from "../../tools/approval/expire-overdue-tool-approvals.js";
import { expireOverdueApprovals } from "./expire-overdue-approvals.js";
import type { ExpiryDependencies } from "./expire-plan.js";

export interface ApprovalSweeper {
  /** Stops the interval and waits for a sweep in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `expireOverdueApprovals` (plans) and `expireOverdueToolApprovals` (dangerous tool calls) now and then every `intervalMilliseconds`, one sweep at a time.
 * The timer only decides when to look; whether a plan expired is decided by its stored deadline
 * and `deps.clock`, so a restart or a late sweep changes nothing but the moment it is noticed.
 */
export function startApprovalSweeper(
  deps: ExpiryDependencies & { events: EventBus; clock: Clock; logger: LlmLogger },
  { intervalMilliseconds }: { intervalMilliseconds: number },
): ApprovalSweeper {
  let running: Promise<void> | undefined;
  const sweep = () => {
    running ??= Promise.all([expireOverdueApprovals(deps), expireOverdueToolApprovals(deps)])
      .then(
        () => undefined,
        (error: unknown) => deps.logger.warn("could not expire overdue approvals", { error: String(error) }),
      )
      .finally(() => {
        running = undefined;
      });
  };
  sweep();
  const timer = setInterval(sweep, intervalMilliseconds);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
