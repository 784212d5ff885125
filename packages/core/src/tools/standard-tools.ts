import type { Sandbox } from "../sandbox/sandbox.js";
import { createCodeExecutorTool } from "./code-executor.js";
import { dataVisualizerTool } from "./data-visualizer/data-visualizer-tool.js";
import { fileReaderTool } from "./file-reader.js";
import { createPythonExecTool } from "./python-exec.js";
import { textFormatterTool } from "./text-formatter/text-formatter-tool.js";
import type { Tool } from "./tool.js";

/** Every tool agents may name (`toolNames` in the contracts); the code tools run in `sandbox`. */
export function createStandardTools({ sandbox }: { sandbox: Sandbox }): Tool[] {
  return [fileReaderTool, textFormatterTool, dataVisualizerTool, createCodeExecutorTool({ sandbox }), createPythonExecTool({ sandbox })];
}
