import { z } from "zod";
import type { Sandbox } from "../sandbox/sandbox.js";
import { codeToolLimits, maxCodeChars, runCode } from "./code-execution/run-code.js";
import { defineTool, type Tool } from "./tool.js";

const pythonExecInput = z.strictObject({
  code: z.string().min(1).max(maxCodeChars).describe("The whole Python 3 program. Print what you want to see; the output is returned."),
});

/** DataAnalyst's Python: the same sandbox as code_executor, Python only. */
export function createPythonExecTool({ sandbox }: { sandbox: Sandbox }): Tool {
  return defineTool({
    name: "python_exec",
    description:
      "Run a Python 3 program in an isolated sandbox and get back its stdout, stderr and outcome. It runs in a copy of the " +
      "project's workspace (the working directory), so it can read the project's files (open('data.csv')); files it writes " +
      "are saved to the workspace afterwards, and PNG or SVG images are shown to the user. It has no network, only the standard " +
      "library and the Python packages installed on the server, and it is stopped when it exceeds its time, memory or output limits.",
    inputSchema: pythonExecInput,
    risk: "dangerous",
    limits: codeToolLimits,
    run: ({ code }, context) => runCode(sandbox, { language: "python", code }, context),
  });
}
