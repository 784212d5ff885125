import type { Sandbox, SandboxLanguage } from "../../sandbox/sandbox.js";
import { isSandboxUnavailable } from "../../sandbox/sandbox-errors.js";
import type { ToolContext, ToolLimits, ToolResult } from "../tool.js";
import { describeRun } from "./describe-run.js";
import { saveOutputFiles, type SavedOutputs } from "./save-output-files.js";

/** Longer code is refused before it reaches the sandbox. */
export const maxCodeChars = 100_000;

/** Above the sandbox's wall time, with room to wait for a free sandbox and copy the workspace. */
export const codeToolLimits: ToolLimits = { timeoutMilliseconds: 60_000, maxResultChars: 20_000 };

const nothingSaved: SavedOutputs = { saved: [], refused: [], attachments: [] };

/**
 * Runs the model's code in the sandbox on a copy of the project's workspace, saves the files it
 * created or changed back into the workspace (not after a cancelled run), and reports the outcome.
 * Only a completed run is a success for the model.
 */
export async function runCode(sandbox: Sandbox, { language, code }: { language: SandboxLanguage; code: string }, context: ToolContext): Promise<ToolResult> {
  try {
    const result = await sandbox.run({ language, code, workspaceDirectory: context.workspace.directory, signal: context.signal });
    const outputs = result.outcome === "cancelled" ? nothingSaved : await saveOutputFiles(context.workspace, result.outputFiles);
    return {
      content: describeRun(result, outputs),
      isError: result.outcome !== "completed",
      ...(outputs.attachments.length > 0 ? { attachments: outputs.attachments } : {}),
    };
  } catch (error) {
    // Never a reason to run the code some other way: the model hears that code cannot run here.
    if (isSandboxUnavailable(error)) return { content: `${error.message}. Tell the user; retrying will not help.`, isError: true };
    throw error;
  }
}
