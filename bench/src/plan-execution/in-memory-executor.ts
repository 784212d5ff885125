import type { LlmClient } from "@codelab/core";
import type { PlanShape, ShapeTask } from "./plan-shapes.js";
import { callModel, synthesisInput, taskInput } from "./task-call.js";

/**
 * The reference: each task is a promise that awaits its dependencies' promises, then calls the
 * model. No persistence, no limits — what this machine allows for the same calls.
 */
export async function runInMemory(llm: LlmClient, plan: PlanShape): Promise<void> {
  const byId = new Map(plan.tasks.map((task) => [task.taskId, task]));
  const running = new Map<string, Promise<string>>();
  const run = (task: ShapeTask): Promise<string> => {
    let output = running.get(task.taskId);
    if (!output) {
      output = Promise.all(task.dependencies.map((dependency) => run(byId.get(dependency)!))).then((inputs) => callModel(llm, taskInput(task, inputs)));
      running.set(task.taskId, output);
    }
    return output;
  };
  const outputs = new Map(await Promise.all(plan.tasks.map(async (task) => [task.taskId, await run(task)] as const)));
  if (plan.sinks.length > 1) await callModel(llm, synthesisInput(plan.sinks, outputs));
}
