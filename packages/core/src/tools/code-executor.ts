import { z } from "zod";
import type { Sandbox } from "../sandbox/sandbox.js";
import { codeToolLimits, maxCodeChars, runCode } from "./code-execution/run-code.js";
import { defineTool, type Tool } from "./tool.js";

const codeExecutorInput = z.strictObject({
  language: z.enum(["javascript", "python"]).describe("javascript runs on Node.js (require or import both work); python on Python 3."),
  code: z.string().min(1).max(maxCodeChars).describe("The whole program. Print what you want to see; the output is returned."),
});

/** CodeAssistant's code runner: JavaScript or Python in the sandbox, on a copy of the project's workspace. */
export function createCodeExecutorTool({ sandbox }: { sandbox: Sandbox }): Tool {
  return defineTool({
    name: "code_executor",
    description:
      "Run a JavaScript (Node.js) or Python 3 program in an isolated sandbox and get back its stdout, stderr and outcome. " +
      "It runs in a copy of the project's workspace (the working directory): it can read the project's files, and files it " +
      "creates or changes are saved to the workspace afterwards, and PNG or SVG images are shown to the user. It has no network, " +
      "only the standard library and the packages installed on the server, and it is stopped when it exceeds its time, memory or output limits.",
    inputSchema: codeExecutorInput,
    risk: "dangerous",
    limits: codeToolLimits,
    run: (input, context) => runCode(sandbox, input, context),
  });
}
