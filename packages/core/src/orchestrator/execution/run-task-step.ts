import { AppError, isAppError } from "../../errors/app-error.js";
import type { DeltaCoalescer } from "../../events/delta-coalescer.js";
import type { EventFailure } from "../../events/event-map.js";
import { runContextualAgent, type ContextualAgentTurn } from "../../runtime/run-contextual-agent.js";
import { createPlanApprovalGate } from "../../tools/approval/plan-approval-gate.js";
import type { ExecutionDependencies } from "./execution-settings.js";
import { loadTaskStep, type TaskStepInput } from "./load-task-step.js";
import { failTask, type StoredFailure } from "./fail-task.js";
import { storeTaskTransitions, type StoredCompletion, type TaskCompletion } from "./task-transitions.js";
import { buildTaskInput } from "./task-input.js";

export interface TaskStepRequest {
  planId: string;
  taskId: string;
  /** The attempt its claim returned; only that attempt's result is stored. */
  attempt: number;
  /** Aborting stops the model call; the step then stores nothing. */
  signal?: AbortSignal;
  /** The step as its claim read it while claiming this attempt; read fresh when absent. */
  step?: TaskStepInput;
  /** Receives the answer as it streams; flushed while the result is stored, so every delta is out before the step returns `task-end`. */
  deltas?: DeltaCoalescer;
  /** Stores the answer; a plan run passes one that gathers its tasks' answers into shared statements. */
  complete?: (completion: TaskCompletion) => Promise<StoredCompletion>;
  /**
   * Asked once `complete` is called: true to write the exchange to memory while the answer is
   * being stored rather than after (when nothing waits for the answer to be stored first).
   */
  rememberAtOnce?: () => boolean;
  /** See `ContextualAgentInput.gatherMemoryWrite`. */
  gatherMemoryWrite?: () => boolean;
  /**
   * For a step started before its claim was stored, on the step as guessed: settles true once the
   * claim holds with that step. Nothing is stored (answer, failure or memory) until it does, and
   * nothing at all if it settles false.
   */
  admitted?: Promise<boolean>;
}

/**
 * `interrupted`: stopped by the signal; the task stays as whoever stopped it left it (cancelled, or
 * running for recovery to re-run). A completed step may still be writing the exchange to the
 * agent's memory: `remembered` settles when it is done (never rejects).
 */
export type TaskStepOutcome = (Extract<StoredCompletion, { status: "completed" }> & { remembered: Promise<void> }) | StoredFailure | { status: "interrupted" };

function toFailure(error: unknown): EventFailure {
  return isAppError(error) ? { code: error.code, message: error.message } : { code: "INTERNAL", message: "Internal error" };
}

function agentOf({ agent, agentName }: TaskStepInput) {
  if (!agent) throw new AppError("AGENT_NOT_FOUND", `Agent "${agentName}" no longer exists`, { details: { agent: agentName } });
  if (agent.status === "DISABLED") throw new AppError("AGENT_DISABLED", `Agent "${agent.name}" is disabled`, { details: { agent: agent.name } });
  return agent;
}

/**
 * One attempt of one task, self-contained so that any process can run it (a later job queue
 * hands these to workers): read the task and its dependencies' outputs from the database, run
 * its agent (memory included) outside any transaction, store the result guarded by the attempt.
 */
export async function runTaskStep(deps: ExecutionDependencies, request: TaskStepRequest): Promise<TaskStepOutcome> {
  const { planId, taskId, attempt, signal, deltas } = request;
  const input = request.step ?? (await loadTaskStep(deps, { planId, taskId, attempt }));
  if (!input) return { status: "superseded" };
  const { scope } = input;
  const complete =
    request.complete ?? (async (completion: TaskCompletion) => (await storeTaskTransitions(deps, scope, { completions: [completion], claims: [] })).completions[0]!);
  const task = { taskId, agentId: input.agentId, attempt };
  const startedAt = performance.now();
  const admitted = request.admitted ?? Promise.resolve(true);
  let turn: ContextualAgentTurn;
  // Storing the answer starts the dependents; the memory write waits for it (and for nothing else)
  // unless `rememberAtOnce` says nothing is started by it.
  let answerStored: (remember: boolean) => void = () => {};
  const rememberAfter = new Promise<boolean>((resolve) => (answerStored = resolve));
  try {
    const agent = agentOf(input);
    turn = await runContextualAgent(deps, {
      scope: { userId: scope.userId, projectId: scope.projectId, agentId: agent.id },
      config: agent.config,
      history: [],
      input: buildTaskInput(input),
      memoryRevision: input.memoryRevision,
      rememberAfter,
      ...(request.gatherMemoryWrite ? { gatherMemoryWrite: request.gatherMemoryWrite } : {}),
      // BUSY was written with the claim; READY is written with the answer.
      statusShownByCaller: true,
      signal,
      ...(deltas ? { onDelta: (text: string) => deltas.push(text) } : {}),
      memoryMetadata: { sessionId: scope.sessionId, planId, taskId },
      toolUse: {
        agentName: agent.name,
        sessionId: scope.sessionId,
        planId,
        taskId,
        messageId: null,
        approval: createPlanApprovalGate(deps, { scope, planId, taskId, agentId: agent.id, timeoutSeconds: deps.tools.approvalTimeoutSeconds }),
      },
    });
  } catch (error) {
    await flushDeltas(deps, deltas);
    if (signal?.aborted) return { status: "interrupted" };
    if (!isAppError(error)) deps.logger.warn("a plan task failed unexpectedly", { planId, taskId, error: String(error) });
    if (!(await admitted)) return { status: "superseded" };
    return failTask(deps, scope, { ...task, durationMilliseconds: Math.round(performance.now() - startedAt) }, toFailure(error));
  }
  const { remembered, ...run } = turn;
  if (!(await admitted)) {
    answerStored(false);
    await flushDeltas(deps, deltas);
    return { status: "superseded" };
  }
  const storing = complete({ ...task, run });
  if (request.rememberAtOnce?.()) answerStored(true);
  const [stored] = await Promise.all([storing.finally(() => answerStored(true)), flushDeltas(deps, deltas)]);
  if (stored.status === "completed") return { ...stored, remembered };
  await remembered;
  return stored;
}

/** A delta the bus refused costs the live view a little text, never the task its result. */
async function flushDeltas({ logger }: ExecutionDependencies, deltas: DeltaCoalescer | undefined): Promise<void> {
  try {
    await deltas?.flush();
  } catch (error) {
    logger.warn("could not publish task deltas", { error: String(error) });
  }
}
