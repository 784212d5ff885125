import { AppError, isAppError } from "../../errors/app-error.js";
import type { DeltaCoalescer } from "../../events/delta-coalescer.js";
import type { EventFailure } from "../../events/event-map.js";
import { runContextualAgent, type ContextualAgentResult } from "../../runtime/run-contextual-agent.js";
import { createPlanApprovalGate } from "../../tools/approval/plan-approval-gate.js";
import type { ExecutionDependencies } from "./execution-settings.js";
import { loadTaskStep, type TaskStepInput } from "./load-task-step.js";
import { completeTask, failTask, type StoredTaskOutcome } from "./store-task-result.js";
import { buildTaskInput } from "./task-input.js";

export interface TaskStepRequest {
  planId: string;
  taskId: string;
  /** The attempt `claimTask` returned; only that attempt's result is stored. */
  attempt: number;
  /** Aborting stops the model call; the step then stores nothing. */
  signal?: AbortSignal;
  /** The step as `claimTask` read it while claiming this attempt; read fresh when absent. */
  step?: TaskStepInput;
  /** Receives the answer as it streams; flushed before the result is stored, so every delta goes out before `task-end`. */
  deltas?: DeltaCoalescer;
}

/** `interrupted`: stopped by the signal; the task stays as whoever stopped it left it (cancelled, or running for recovery to re-run). */
export type TaskStepOutcome = StoredTaskOutcome | { status: "interrupted" };

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
  const task = { taskId, agentId: input.agentId, attempt };
  const startedAt = performance.now();
  let run: ContextualAgentResult;
  try {
    const agent = agentOf(input);
    run = await runContextualAgent(deps, {
      scope: { userId: scope.userId, projectId: scope.projectId, agentId: agent.id },
      config: agent.config,
      history: [],
      input: buildTaskInput(input),
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
    return failTask(deps, scope, { ...task, durationMilliseconds: Math.round(performance.now() - startedAt) }, toFailure(error));
  }
  await flushDeltas(deps, deltas);
  return completeTask(deps, scope, task, run);
}

/** A delta the bus refused costs the live view a little text, never the task its result. */
async function flushDeltas({ logger }: ExecutionDependencies, deltas: DeltaCoalescer | undefined): Promise<void> {
  try {
    await deltas?.flush();
  } catch (error) {
    logger.warn("could not publish task deltas", { error: String(error) });
  }
}
