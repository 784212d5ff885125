/** Every tool an agent may name. The agent-tools work gives each its implementation. */
export const toolNames = ["code_executor", "file_reader", "python_exec", "data_visualizer", "text_formatter"] as const;

export type ToolName = (typeof toolNames)[number];

/**
 * Tools that run code on the user's behalf. A plan that assigns a task to an agent holding one
 * waits for the user's approval whatever its cost.
 */
export const dangerousTools = ["code_executor", "python_exec"] as const satisfies readonly ToolName[];
