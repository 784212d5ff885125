/** The output of a task another task builds on, as handed to the later task's agent. */
export interface DependencyOutput {
  taskId: string;
  agentName: string;
  output: string;
}

export interface TaskInputOptions {
  description: string;
  expectedOutput: string | null;
  /** In the order the task lists its dependencies. */
  dependencyOutputs: readonly DependencyOutput[];
}

export const dependencyResultsHeading = "## Results of the tasks this task builds on";

/** The message a task's agent receives: what to do, what to deliver, and what the tasks before it produced. */
export function buildTaskInput({ description, expectedOutput, dependencyOutputs }: TaskInputOptions): string {
  const parts = [description.trim()];
  if (expectedOutput?.trim()) parts.push(`Expected output: ${expectedOutput.trim()}`);
  if (dependencyOutputs.length > 0) {
    const results = dependencyOutputs.map(({ taskId, agentName, output }) => `### ${taskId} (${agentName})\n${output.trim()}`);
    parts.push(`${dependencyResultsHeading}\n\n${results.join("\n\n")}`);
  }
  return parts.join("\n\n");
}
