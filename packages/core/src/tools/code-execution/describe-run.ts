import type { SandboxOutcome, SandboxResult } from "../../sandbox/sandbox.js";
import { capText } from "../tool-support/cap-text.js";
import type { SavedOutputs } from "./save-output-files.js";

/** How much of each stream the model reads back; the start of stdout and the end of stderr (where tracebacks end) matter most. */
export const maxStdoutChars = 10_000;
export const maxStderrChars = 6_000;
const maxListedFiles = 20;

const outcomeTexts: Record<SandboxOutcome, string> = {
  completed: "The program finished",
  failed: "The program failed",
  "timed-out": "The program was stopped: it ran past its time limit",
  "cpu-limit": "The program was stopped: it used up its CPU-time limit",
  "memory-limit": "The program ran out of memory: it reached its memory limit",
  "output-limit": "The program was stopped: it printed more than its output limit (or wrote a file over the file-size limit)",
  cancelled: "The run was cancelled",
};

/** Keeps the end of `text`, with a note saying how much was cut from its start, within `maxChars`. */
function capTextEnd(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const note = (omitted: number) => `[truncated: ${omitted} earlier characters] …\n`;
  const kept = Math.max(0, maxChars - note(text.length).length);
  return note(text.length - kept) + text.slice(text.length - kept);
}

function listPaths(label: string, paths: readonly string[]): string[] {
  if (paths.length === 0) return [];
  const shown = paths.slice(0, maxListedFiles).join(", ");
  const more = paths.length > maxListedFiles ? ` and ${paths.length - maxListedFiles} more` : "";
  return [`${label}: ${shown}${more}`];
}

function section(name: string, text: string): string[] {
  return text === "" ? [`${name}: (empty)`] : [`${name}:`, text.endsWith("\n") ? text.slice(0, -1) : text];
}

/** What the model reads back from a run: the outcome in words, the output, and what happened to the files. */
export function describeRun(result: SandboxResult, outputs: SavedOutputs): string {
  const exit = result.exitCode === null ? "" : ` (exit code ${result.exitCode})`;
  return [
    `${outcomeTexts[result.outcome]}${exit} after ${Math.round(result.durationMilliseconds)} ms.`,
    ...section("stdout", capText(result.stdout, maxStdoutChars)),
    ...section("stderr", capTextEnd(result.stderr, maxStderrChars)),
    ...listPaths(
      "Files saved to the workspace",
      outputs.saved.map(({ path, bytes }) => `${path} (${bytes} bytes)`),
    ),
    ...listPaths(
      "Files not saved",
      outputs.refused.map(({ path, reason }) => `${path} (${reason})`),
    ),
    ...listPaths("Files not saved (over the sandbox's output file limits)", result.skippedOutputFiles),
    ...listPaths("Workspace files left out of the sandbox (over its input limits)", result.skippedInputFiles),
  ].join("\n");
}
