import { setMaxListeners } from "node:events";
import type { Database } from "@codelab/db";
import type { PlanEventScope } from "../../events/event-bus.js";
import { createDeltaCoalescer } from "../../events/delta-coalescer.js";
import type { TaskStatus } from "../plan-graph.js";
import { claimTask } from "./claim-task.js";
import type { ExecutionDependencies, ExecutionSettings } from "./execution-settings.js";
import { finishPlan, type FinishedPlan } from "./finish-plan.js";
import { markPlanStarted } from "./mark-plan-started.js";
import { planScopeSelect, toPlanEventScope } from "./plan-scope.js";
import { runTaskStep } from "./run-task-step.js";
import { isTaskReady } from "./task-graph.js";
import { readDependencies } from "./task-result.js";
import type { KeyedSlots } from "./user-slots.js";
import { watchForCancellation } from "./watch-for-cancellation.js";

export interface PlanRunContext {
  deps: ExecutionDependencies;
  settings: ExecutionSettings;
  /** Shared by every plan in the process: the per-user limit. */
  userSlots: KeyedSlots;
  /** Aborted when the plan is cancelled here, or when the process shuts down (the plan then resumes on recovery). */
  signal: AbortSignal;
}

/**
 * - `finished`: the plan ended completed, failed or partial_success here.
 * - `idle`: there was nothing to run: the plan is not executing (ended, cancelled, not this user's).
 * - `stopped`: the run stopped before the end: aborted, or the plan changed under it (cancelled elsewhere).
 */
export type PlanRunOutcome = { kind: "finished"; scope: PlanEventScope; plan: FinishedPlan } | { kind: "idle" } | { kind: "stopped" };

/** A task as this run tracks it; the database stays the truth, this copy only decides what to start next. */
interface ScheduledTask {
  taskId: string;
  dependencies: string[];
  agentId: string | null;
  agentName: string;
  status: TaskStatus;
  attempts: number;
}

async function loadExecutingPlan(db: Database, { planId, userId }: { planId: string; userId: string }) {
  const plan = await db.taskPlan.findFirst({
    where: { id: planId, userId, status: "executing" },
    select: {
      ...planScopeSelect,
      startedAt: true,
      tasks: {
        select: { taskId: true, dependencies: true, agentId: true, agentName: true, status: true, attempts: true },
        orderBy: [{ createdAt: "asc" }, { taskId: "asc" }],
      },
    },
  });
  if (!plan) return undefined;
  const tasks: ScheduledTask[] = plan.tasks.map((task) => ({ ...task, status: task.status as TaskStatus, dependencies: readDependencies(task.dependencies) }));
  return { scope: toPlanEventScope(plan), startedAt: plan.startedAt, tasks };
}

/**
 * Runs one executing plan to its end: every ready task starts at once up to the per-plan and
 * per-user limits, each as a self-contained step; then the plan is finished. Tasks a stopped
 * process left `running` are run again; completed ones never are.
 */
export async function runPlan(context: PlanRunContext, plan: { planId: string; userId: string }): Promise<PlanRunOutcome> {
  const { deps, settings } = context;
  const loaded = await loadExecutingPlan(deps.db, plan);
  if (!loaded) return { kind: "idle" };
  const { scope, startedAt, tasks } = loaded;
  if (!startedAt && (await markPlanStarted(deps, scope))) void deps.planEvents.publish(scope.planId);

  const watch = watchForCancellation(deps, { planId: scope.planId, parent: context.signal, intervalMilliseconds: settings.cancelCheckMilliseconds });
  // Every running task's model call listens to the plan's signal: more than Node's default of 10 is expected.
  setMaxListeners(4 * settings.maxParallelTasksPerPlan + 8, watch.signal);
  try {
    const ranToEnd = await runTasks({ ...context, signal: watch.signal }, scope, tasks);
    if (!ranToEnd || watch.signal.aborted) return { kind: "stopped" };
    const finished = await finishPlan(deps, scope, { synthesisModel: settings.synthesisModel, signal: watch.signal });
    if (!finished) return { kind: "stopped" };
    void deps.planEvents.publish(scope.planId);
    return { kind: "finished", scope, plan: finished };
  } catch (error) {
    if (watch.signal.aborted) return { kind: "stopped" };
    throw error;
  } finally {
    watch.stop();
  }
}

/** Resolves true once no task can run any more, false when the run had to stop early. */
function runTasks(context: PlanRunContext, scope: PlanEventScope, tasks: ScheduledTask[]): Promise<boolean> {
  const { settings, signal } = context;
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const statusOf = (taskId: string) => byId.get(taskId)?.status;
  const launched = new Set<string>();
  const readySince = new Map<string, number>();
  let active = 0;
  let stoppedEarly = false;
  let failure: Error | undefined;

  return new Promise((resolve, reject) => {
    function launchReady(): void {
      if (!stoppedEarly && !signal.aborted) {
        const now = performance.now();
        for (const task of tasks) {
          // A task still `running` here was left so by a process that stopped: it runs again.
          if (launched.has(task.taskId) || !(task.status === "running" || isTaskReady(task, statusOf))) continue;
          if (!readySince.has(task.taskId)) readySince.set(task.taskId, now);
          if (active >= settings.maxParallelTasksPerPlan) continue;
          launched.add(task.taskId);
          active += 1;
          void runTask(context, scope, task, readySince.get(task.taskId)!)
            .then(
              (outcome) => {
                if (outcome === "stopped") stoppedEarly = true;
                for (const skipped of outcome === "stopped" ? [] : outcome.skippedTaskIds) byId.get(skipped)!.status = "skipped";
              },
              (error: unknown) => {
                stoppedEarly = true;
                failure ??= error instanceof Error ? error : new Error(String(error));
              },
            )
            .finally(() => {
              active -= 1;
              launchReady();
            });
        }
      }
      if (active > 0) return;
      if (failure) reject(failure);
      else resolve(!stoppedEarly && !signal.aborted);
    }
    launchReady();
  });
}

/** Runs one task through claim, step and result; `stopped` when it must not or could not finish here. */
async function runTask(
  { deps, userSlots, signal }: PlanRunContext,
  scope: PlanEventScope,
  task: ScheduledTask,
  readySince: number,
): Promise<{ skippedTaskIds: string[] } | "stopped"> {
  const release = await userSlots.acquire(scope.userId, signal).catch(() => undefined);
  if (!release) return "stopped";
  try {
    deps.metrics.taskQueueWaitSeconds.observe((performance.now() - readySince) / 1000);
    const claimed = await claimTask(deps, scope, { ...task, status: task.status === "running" ? "running" : "pending" });
    if (claimed === undefined) return "stopped";
    const { attempt, step } = claimed;
    task.status = "running";
    task.attempts = attempt;
    const started = deps.planEvents.publish(scope.planId);
    // Deltas go straight to the bus, but never ahead of the task's `task-start`.
    const deltas = createDeltaCoalescer(async (text) => {
      await started;
      await deps.events.publish(scope, { type: "task-delta", payload: { planId: scope.planId, taskId: task.taskId, text } });
    });
    const outcome = await runTaskStep(deps, { planId: scope.planId, taskId: task.taskId, attempt, step, signal, deltas });
    if (outcome.status === "superseded" || outcome.status === "interrupted") return "stopped";
    task.status = outcome.status;
    void deps.planEvents.publish(scope.planId);
    return { skippedTaskIds: outcome.status === "failed" ? outcome.skippedTaskIds : [] };
  } finally {
    release();
  }
}
