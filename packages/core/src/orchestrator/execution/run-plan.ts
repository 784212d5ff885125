import { setMaxListeners } from "node:events";
import type { PlanEventScope } from "../../events/event-bus.js";
import { createDeltaCoalescer } from "../../events/delta-coalescer.js";
import type { ExecutionDependencies, ExecutionSettings } from "./execution-settings.js";
import { startFinalAnswer, type EarlyFinalAnswer } from "./final-answer.js";
import { finishPlan, type FinishedPlan, type FinishedTask } from "./finish-plan.js";
import { matchesClaim, planSnapshot, type PlanSnapshot } from "./plan-snapshot.js";
import type { TaskStepInput } from "./load-task-step.js";
import { runTaskStep, type TaskStepOutcome } from "./run-task-step.js";
import { startPlanRun } from "./start-plan-run.js";
import { completedTaskColumns, type StoredCompletion, type TaskCompletion } from "./task-transitions.js";
import { planTransitions, type PlanTransitions } from "./plan-transitions.js";
import { answerSources, isTaskReady, planOutcome } from "./task-graph.js";
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

/**
 * A task as this run tracks it: what to start next, and, as each task's transition is stored, its
 * row as stored, so the plan's end needs no read. The database stays the truth: a transition that
 * was not stored stops the run.
 */
interface ScheduledTask extends FinishedTask {
  agentId: string | null;
  attempts: number;
}

/**
 * Runs one executing plan to its end: every ready task starts at once up to the per-plan and
 * per-user limits, each as a self-contained step; then the plan is finished. Tasks a stopped
 * process left `running` are run again; completed ones never are.
 */
export async function runPlan(context: PlanRunContext, plan: { planId: string; userId: string }): Promise<PlanRunOutcome> {
  const { deps, settings } = context;
  const start = await startPlanRun(deps, plan);
  if (!start) return { kind: "idle" };
  if (start.started) deps.planEvents.send([start.started]);
  const { scope, plan: planToFinish, agents } = start;
  const { request } = planToFinish;
  const tasks: ScheduledTask[] = start.tasks;
  const snapshot = planSnapshot(scope, start.tasks, agents);

  const watch = watchForCancellation(deps, { planId: scope.planId, parent: context.signal, intervalMilliseconds: settings.cancelCheckMilliseconds });
  // Every running task's model call listens to the plan's signal: more than Node's default of 10 is expected.
  setMaxListeners(4 * settings.maxParallelTasksPerPlan + 8, watch.signal);
  const memoryWrites: Array<Promise<void>> = [];
  let early: EarlyFinalAnswer | undefined;
  // Several results are combined by a model call: it starts as the last one is answered, not once all are stored.
  const onEveryTaskAnswered = () => {
    if (early) return;
    const sources = answerSources(tasks).map(({ taskId, agentName }) => ({ taskId, agentName, output: snapshot.outputOf(taskId) ?? "" }));
    if (sources.length > 1) early = startFinalAnswer(deps, { request, sources, model: settings.synthesisModel, signal: watch.signal });
  };
  try {
    const ranToEnd = await runTasks({ ...context, signal: watch.signal }, { scope, snapshot, memoryWrites, onEveryTaskAnswered }, tasks);
    if (!ranToEnd || watch.signal.aborted) return { kind: "stopped" };
    // The plan's end is composed while the last exchanges are being remembered; it is stored once they are.
    const before = Promise.all(memoryWrites);
    const finished = await finishPlan(deps, scope, {
      plan: planToFinish,
      tasks,
      synthesisModel: settings.synthesisModel,
      signal: watch.signal,
      before,
      ...(early ? { early } : {}),
    });
    if (!finished) return { kind: "stopped" };
    // Then the plan's outbox is read once more, for any event a failed send left behind.
    void deps.planEvents.send([finished.ended]).sent.then(() => deps.planEvents.publish(scope.planId));
    return { kind: "finished", scope, plan: finished };
  } catch (error) {
    if (watch.signal.aborted) return { kind: "stopped" };
    throw error;
  } finally {
    watch.stop();
    // Used or not by now; a stopped run must not go on paying for it.
    early?.discard();
    // Never rejects (see TaskStepOutcome): a stopped run still leaves with nothing of its own running.
    await Promise.all(memoryWrites);
  }
}

/** A task's run as the scheduler sees it: its outcome once stored, and the memory write that may still follow. */
interface TaskRun {
  outcome: { skippedTaskIds: string[] } | "stopped";
  finishing: Promise<void>;
}

/**
 * Resolves true once no task can run any more and every answer is stored, false when the run had to
 * stop early. The tasks' memory writes, which may still be under way, go into `memoryWrites`.
 * `onEveryTaskAnswered` runs when the last task answers, should every task have answered, before that answer is stored.
 */
function runTasks(
  context: PlanRunContext,
  {
    scope,
    snapshot,
    memoryWrites,
    onEveryTaskAnswered,
  }: { scope: PlanEventScope; snapshot: PlanSnapshot; memoryWrites: Array<Promise<void>>; onEveryTaskAnswered: () => void },
  tasks: ScheduledTask[],
): Promise<boolean> {
  const { settings, signal } = context;
  const transitions = planTransitions(context.deps, scope);
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const statusOf = (taskId: string) => byId.get(taskId)?.status;
  /** Some task has yet to end (answered, failed or skipped), and the run goes on. */
  const stillRunning = () => !signal.aborted && tasks.some((task) => task.status === "pending" || task.status === "running");
  const launched = new Set<string>();
  const readySince = new Map<string, number>();
  /** Tasks holding a place under the per-plan limit: launched and not yet answered. */
  let active = 0;
  /** Tasks launched and not yet stored: the run ends when none is left and none can start. */
  let unfinished = 0;
  let stoppedEarly = false;
  let failure: Error | undefined;

  return new Promise((resolve, reject) => {
    function stop(error: unknown): void {
      stoppedEarly = true;
      failure ??= error instanceof Error ? error : new Error(String(error));
    }

    function launch(task: ScheduledTask): void {
      let holdsPlace = true;
      const leavePlace = () => {
        if (holdsPlace) active -= 1;
        holdsPlace = false;
      };
      // The answer is in: dependents are claimed in the statement that stores it. Should it not be
      // stored after all (the task was taken over or cancelled), their claims fail with it and the run
      // stops. Says whether it was the plan's last answer.
      const onAnswered = () => {
        leavePlace();
        task.status = "completed";
        const last = tasks.every((other) => other.status === "completed");
        if (last) onEveryTaskAnswered();
        launchReady();
        return last;
      };
      active += 1;
      unfinished += 1;
      void runTask(context, scope, task, readySince.get(task.taskId)!, { transitions, snapshot, onAnswered, stillRunning })
        .then(
          ({ outcome, finishing }) => {
            leavePlace();
            if (outcome === "stopped") stoppedEarly = true;
            for (const skipped of outcome === "stopped" ? [] : outcome.skippedTaskIds) byId.get(skipped)!.status = "skipped";
            memoryWrites.push(finishing);
          },
          (error: unknown) => {
            leavePlace();
            stop(error);
          },
        )
        .finally(() => {
          unfinished -= 1;
          launchReady();
        });
    }

    function launchReady(): void {
      if (!stoppedEarly && !signal.aborted) {
        const now = performance.now();
        for (const task of tasks) {
          // A task still `running` here was left so by a process that stopped: it runs again.
          if (launched.has(task.taskId) || !(task.status === "running" || isTaskReady(task, statusOf))) continue;
          if (!readySince.has(task.taskId)) readySince.set(task.taskId, now);
          if (active >= settings.maxParallelTasksPerPlan) continue;
          launched.add(task.taskId);
          launch(task);
        }
      }
      if (unfinished > 0) return;
      // Exchanges held to share a write go with the last answer's, written at once (see
      // `rememberAtOnce`). A run that ends otherwise, on a failure or stopped, has no such answer:
      // they are written as it ends, not when their interval does.
      if (planOutcome(tasks) !== "completed") context.deps.memory.flush();
      if (failure) reject(failure);
      else resolve(!stoppedEarly && !signal.aborted);
    }
    launchReady();
  });
}

const stopped: TaskRun = { outcome: "stopped", finishing: Promise.resolve() };

/** Aborts once `admitted` settles false: a model call on a guess the claim did not hold is wasted. */
function abortedUnless(admitted: Promise<boolean>): AbortSignal {
  const controller = new AbortController();
  void admitted.then((holds) => {
    if (!holds) controller.abort(new Error("The task's claim did not hold the step it was started with"));
  });
  return controller.signal;
}

/**
 * Runs one task through claim, step and result; `stopped` when it must not or could not finish here.
 *
 * The model is asked while the claim is being stored, with the step as the run's snapshot has it:
 * the claim's round trip then costs the task nothing. Should the claim fail (cancelled, taken over
 * elsewhere), the call is aborted at once and nothing is stored; should the claimed step differ
 * from the guess (the agent was edited or disabled meanwhile), the call is aborted and the step
 * runs again as claimed. Either way the answer is stored only for the claimed attempt.
 */
async function runTask(
  { deps, userSlots, signal }: PlanRunContext,
  scope: PlanEventScope,
  task: ScheduledTask,
  readySince: number,
  {
    transitions,
    snapshot,
    onAnswered,
    stillRunning,
  }: { transitions: PlanTransitions; snapshot: PlanSnapshot; onAnswered: () => boolean; stillRunning: () => boolean },
): Promise<TaskRun> {
  const release = await userSlots.acquire(scope.userId, signal).catch(() => undefined);
  if (!release) return stopped;
  try {
    deps.metrics.taskQueueWaitSeconds.observe((performance.now() - readySince) / 1000);
    const guessed = snapshot.stepOf(task.taskId);
    const claiming = transitions.claim({ ...task, status: task.status === "running" ? "running" : "pending" });
    const attempt = task.attempts + 1;
    // Deltas go straight to the bus, but never ahead of the task's `task-start`.
    const deltas = createDeltaCoalescer(async (text) => {
      await (await claiming).handedOver;
      await deps.events.publish(scope, { type: "task-delta", payload: { planId: scope.planId, taskId: task.taskId, text } });
    });
    let answeredLast = false;
    const complete = async (completion: TaskCompletion): Promise<StoredCompletion> => {
      snapshot.recordOutput(task.taskId, completion.run.completion.content);
      answeredLast = onAnswered();
      // A failed delta is logged by the step; `task-end` only waits for the attempt.
      const stored = await transitions.complete(completion, deltas.flush().catch(() => undefined));
      if (stored.status === "completed") Object.assign(task, completedTaskColumns(completion));
      return stored;
    };
    // The plan's end waits for the last answer and for its memory write: the two go side by side.
    const rememberAtOnce = () => answeredLast;
    const step = (input: TaskStepInput, stepSignal: AbortSignal, admitted?: Promise<boolean>) =>
      runTaskStep(deps, {
        planId: scope.planId,
        taskId: task.taskId,
        attempt,
        step: input,
        signal: stepSignal,
        deltas,
        complete,
        rememberAtOnce,
        // While other tasks still run, nobody waits for an exchange to be remembered: it may be held
        // to share a statement with later ones. Once none runs, or the run stops, the run's end waits
        // for it: it is written at once, taking along those still held.
        gatherMemoryWrite: stillRunning,
        ...(admitted ? { admitted } : {}),
      });

    let outcome: TaskStepOutcome;
    if (guessed) {
      // A failed claim surfaces below, from `claiming`; here it only means "store nothing".
      const admitted = claiming.then(
        ({ claimed }) => claimed !== undefined && matchesClaim(guessed, claimed.step),
        () => false,
      );
      const guess = AbortSignal.any([signal, abortedUnless(admitted)]);
      outcome = await step(guessed, guess, admitted);
      const { claimed } = await claiming;
      if (!claimed) return stopped;
      // The guess was wrong (nothing of it was stored): the step runs as claimed.
      if (!(await admitted) && !signal.aborted) outcome = await step(claimed.step, signal);
    } else {
      const { claimed } = await claiming;
      if (!claimed) return stopped;
      outcome = await step(claimed.step, signal);
    }
    if (outcome.status === "superseded" || outcome.status === "interrupted") return stopped;
    task.status = outcome.status;
    task.attempts = attempt;
    if (outcome.status === "completed") return { outcome: { skippedTaskIds: [] }, finishing: outcome.remembered };
    task.error = outcome.error.message;
    void deps.planEvents.publish(scope.planId);
    return { outcome: { skippedTaskIds: outcome.skippedTaskIds }, finishing: Promise.resolve() };
  } finally {
    release();
  }
}
