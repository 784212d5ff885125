import { isDeepStrictEqual } from "node:util";
import type { AgentRecord } from "../../agents/agent-select.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import type { TaskStepInput } from "./load-task-step.js";

/** A task of the plan as the snapshot needs it. */
export interface SnapshotTask {
  taskId: string;
  description: string;
  expectedOutput: string | null;
  dependencies: string[];
  agentId: string | null;
  agentName: string;
  /** Set for a task that completed before this run. */
  output: string | undefined;
}

/**
 * What a run knows of its plan, to start a task's model call while its claim is still being
 * stored rather than after: the claim then costs the task no time unless it fails. The claim reads
 * the step from the database all the same, and `matchesClaim` tells whether the guess held.
 */
export interface PlanSnapshot {
  /** The step as the claim is expected to read it; undefined when this copy cannot tell (the agent is gone). */
  stepOf(taskId: string): TaskStepInput | undefined;
  /** A task's answer, once stored, for the tasks that build on it. */
  recordOutput(taskId: string, output: string): void;
  /** A task's answer as recorded (or loaded, for a task completed before this run). */
  outputOf(taskId: string): string | undefined;
}

/**
 * The step as guessed equals the one claimed where it matters to the answer: the same agent, still
 * allowed to run, with the same config, and the same dependency outputs. (Its status otherwise
 * changes with every turn, and the memory revision only decides whether the search re-reads it.)
 */
export function matchesClaim(guessed: TaskStepInput, claimed: TaskStepInput): boolean {
  const { agent } = claimed;
  return (
    agent !== null &&
    agent.status !== "DISABLED" &&
    agent.id === guessed.agent?.id &&
    isDeepStrictEqual(agent.config, guessed.agent.config) &&
    isDeepStrictEqual(claimed.dependencyOutputs, guessed.dependencyOutputs)
  );
}

/** The agents a plan's tasks name, as of now, with their memory revisions. */
export interface PlanAgents {
  agents: ReadonlyMap<string, AgentRecord>;
  revisions: ReadonlyMap<string, number>;
}

/** What the run knows of its plan: its tasks, completed ones' outputs, and its agents as loaded. */
export function planSnapshot(scope: PlanEventScope, tasks: readonly SnapshotTask[], { agents, revisions }: PlanAgents): PlanSnapshot {
  const byId = new Map(tasks.map((task) => [task.taskId, task]));
  const outputs = new Map(tasks.flatMap((task) => (task.output === undefined ? [] : [[task.taskId, task.output] as const])));

  return {
    stepOf(taskId) {
      const task = byId.get(taskId);
      const agent = task?.agentId ? agents.get(task.agentId) : undefined;
      if (!task || !agent || agent.projectId !== scope.projectId || agent.status === "DISABLED") return undefined;
      const dependencyOutputs = task.dependencies.flatMap((dependencyId) => {
        const output = outputs.get(dependencyId);
        return output === undefined ? [] : [{ taskId: dependencyId, agentName: byId.get(dependencyId)?.agentName ?? "", output }];
      });
      return {
        scope,
        taskId,
        description: task.description,
        expectedOutput: task.expectedOutput,
        agentId: task.agentId,
        agentName: task.agentName,
        agent,
        dependencyOutputs,
        memoryRevision: revisions.get(agent.id) ?? 0,
      };
    },
    recordOutput(taskId, output) {
      outputs.set(taskId, output);
    },
    outputOf: (taskId) => outputs.get(taskId),
  };
}
