/**
 * The seam between deciding to run a plan and running it. Whoever moves a plan to `executing`
 * (creation without approval, or an approval) calls `start`; the engine loads everything it needs
 * from the database, so a later job queue can take this call over without redesign.
 */
export interface PlanExecutor {
  /** Begins running an `executing` plan in the background; returns at once. */
  start(plan: { planId: string; userId: string }): void;
  /** Aborts in-flight model calls and marks unfinished tasks cancelled; resolves when the plan has ended. */
  cancel(plan: { planId: string; userId: string }): Promise<void>;
  /** Resumes every `executing` plan after a restart. */
  recover(): Promise<void>;
  /** Stops taking work and waits for in-flight steps to settle. */
  close(): Promise<void>;
}
