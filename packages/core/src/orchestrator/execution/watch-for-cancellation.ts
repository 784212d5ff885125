import { Prisma, queryRows, type Database } from "@codelab/db";
import type { LlmLogger } from "../../llm/llm-logger.js";

export interface CancellationWatch {
  /** Aborts with the parent, or once the plan is found no longer executing. */
  signal: AbortSignal;
  stop(): void;
}

/**
 * A cancel that reaches this process aborts its plans directly; one that reaches another server
 * instance only changes the database. This notices that within `intervalMilliseconds`, so the
 * plan's model calls stop here too.
 */
export function watchForCancellation(
  { db, logger }: { db: Database; logger: LlmLogger },
  { planId, parent, intervalMilliseconds }: { planId: string; parent: AbortSignal; intervalMilliseconds: number },
): CancellationWatch {
  const controller = new AbortController();
  const signal = AbortSignal.any([parent, controller.signal]);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  async function check(): Promise<void> {
    try {
      const [plan] = await queryRows<{ status: string }>(db, Prisma.sql`SELECT status FROM task_plans WHERE id = ${planId}::uuid`);
      if (plan?.status !== "executing") controller.abort(new Error(`The plan is ${plan?.status ?? "gone"}`));
    } catch (error) {
      logger.warn("could not check whether a plan was cancelled", { planId, error: String(error) });
    }
    schedule();
  }

  function schedule(): void {
    if (stopped || signal.aborted) return;
    timer = setTimeout(() => void check(), intervalMilliseconds);
    timer.unref();
  }

  schedule();
  return {
    signal,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
