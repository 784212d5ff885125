import type { LlmClient } from "@codelab/core";
import type { ShapeTask } from "./plan-shapes.js";

export const benchModel = "bench-model";

/** What every executor sends for one task: the task and its dependencies' outputs, as the engine does. */
export function taskInput(task: ShapeTask, dependencyOutputs: readonly string[]): string {
  const results = dependencyOutputs.map((output, index) => `### ${task.dependencies[index]}\n${output}`).join("\n\n");
  return `Task ${task.taskId}: work on ${task.taskId}\n\nExpected output: a short answer${results ? `\n\n## Results of the tasks this task builds on\n\n${results}` : ""}`;
}

/** One model call through the same client (the real `openai` SDK), streamed as the engine streams. */
export async function callModel(llm: LlmClient, input: string): Promise<string> {
  const completion = await llm.complete({ model: benchModel, messages: [{ role: "user", content: input }] }, { onDelta: () => undefined });
  return completion.content;
}

export function synthesisInput(sinks: readonly string[], outputs: ReadonlyMap<string, string>): string {
  return `Combine these results.\n\n${sinks.map((taskId) => `### ${taskId}\n${outputs.get(taskId) ?? ""}`).join("\n\n")}`;
}
