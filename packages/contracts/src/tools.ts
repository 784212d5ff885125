/** Every tool an agent may name. The agent-tools work gives each its implementation. */
export const toolNames = ["code_executor", "file_reader", "python_exec", "data_visualizer", "text_formatter"] as const;

export type ToolName = (typeof toolNames)[number];
