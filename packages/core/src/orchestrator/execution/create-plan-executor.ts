import type { PlanExecutor } from "../plan-executor.js";
import { defaultExecutionSettings, type ExecutionDependencies, type ExecutionSettings } from "./execution-settings.js";
import { markPlanCancelled } from "./mark-plan-cancelled.js";
import { runPlan, type PlanRunOutcome } from "./run-plan.js";
import { createKeyedSlots } from "./user-slots.js";

/** A plan that ended `completed`, for whoever learns from successful plans (the plan cache). */
export interface CompletedPlan {
  planId: string;
  userId: string;
  projectId: string;
}

export interface PlanExecutorOptions {
  settings: Partial<ExecutionSettings> & Pick<ExecutionSettings, "synthesisModel">;
  /** Called once per plan that ends `completed`; a failure here is logged and never changes the plan. */
  onPlanCompleted?: (plan: CompletedPlan) => Promise<void>;
}

interface ActiveRun {
  controller: AbortController;
  done: Promise<void>;
}

/**
 * The in-process execution engine. Each plan runs as a scheduler in this process; each task as a
 * self-contained step (`runTaskStep`) that a job queue could take over. The database holds every
 * state, so `recover()` after a crash resumes exactly where the last committed transition left off.
 */
export function createPlanExecutor(deps: ExecutionDependencies, { settings: overrides, onPlanCompleted }: PlanExecutorOptions): PlanExecutor {
  const settings: ExecutionSettings = { ...defaultExecutionSettings, ...overrides };
  const userSlots = createKeyedSlots(settings.maxParallelTasksPerUser);
  const runs = new Map<string, ActiveRun>();
  const resumeTimers = new Set<NodeJS.Timeout>();
  let closed = false;

  async function afterRun(plan: { planId: string; userId: string }, outcome: PlanRunOutcome): Promise<void> {
    if (outcome.kind !== "finished") return;
    const { status, actual, totalEstimatedCost } = outcome.plan;
    deps.metrics.planOutcomes.inc({ status });
    if (totalEstimatedCost) deps.metrics.planCostRatio.observe(actual.costUsd / totalEstimatedCost);
    if (status !== "completed" || !onPlanCompleted) return;
    try {
      await onPlanCompleted({ planId: plan.planId, userId: plan.userId, projectId: outcome.scope.projectId });
    } catch (error) {
      deps.logger.warn("could not remember a completed plan", { planId: plan.planId, error: String(error) });
    }
  }

  /** An infrastructure failure (lost database) stops a run; it resumes from the database a little later. */
  function resumeLater(plan: { planId: string; userId: string }, error: unknown): void {
    deps.logger.warn("a plan run stopped on an error; resuming it later", { planId: plan.planId, error: String(error) });
    if (closed) return;
    const timer = setTimeout(() => {
      resumeTimers.delete(timer);
      start(plan);
    }, settings.resumeDelayMilliseconds);
    timer.unref();
    resumeTimers.add(timer);
  }

  function start(plan: { planId: string; userId: string }): void {
    if (closed || runs.has(plan.planId)) return;
    const controller = new AbortController();
    const done = runPlan({ deps, settings, userSlots, signal: controller.signal }, plan)
      .then(
        (outcome) => afterRun(plan, outcome),
        (error: unknown) => resumeLater(plan, error),
      )
      .finally(() => runs.delete(plan.planId));
    runs.set(plan.planId, { controller, done });
  }

  return {
    start,

    async cancel(plan) {
      await markPlanCancelled(deps, plan);
      deps.metrics.planOutcomes.inc({ status: "cancelled" });
      const run = runs.get(plan.planId);
      run?.controller.abort(new Error("The plan was cancelled"));
      await Promise.all([deps.planEvents.publish(plan.planId), run?.done]);
    },

    async recover() {
      // Events a crash left recorded but unsent, of running and finished plans alike.
      const unpublished = await deps.db.planEventOutbox.findMany({ where: { publishedAt: null }, distinct: ["planId"], select: { planId: true } });
      await Promise.all(unpublished.map(({ planId }) => deps.planEvents.publish(planId)));
      const executing = await deps.db.taskPlan.findMany({
        where: { status: "executing" },
        select: { id: true, userId: true },
        orderBy: [{ startedAt: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
      });
      for (const plan of executing) start({ planId: plan.id, userId: plan.userId });
    },

    async close() {
      closed = true;
      for (const timer of resumeTimers) clearTimeout(timer);
      resumeTimers.clear();
      // Running tasks stay `running` in the database; recovery runs them again.
      const stopping = [...runs.entries()];
      for (const [, run] of stopping) run.controller.abort(new Error("The server is shutting down"));
      await Promise.all(stopping.map(([, run]) => run.done));
      // Publishing is serialized: once these are out, so is everything the runs recorded before.
      await Promise.all(stopping.map(([planId]) => deps.planEvents.publish(planId)));
      // Marks still being gathered would otherwise send their events again on the next recovery.
      await deps.planEvents.flush();
    },
  };
}
