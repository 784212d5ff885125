import { constants } from "node:os";
import type { SandboxOutcome } from "./sandbox.js";

/** Why the supervisor killed the run itself. */
export type StopReason = "timed-out" | "output-limit" | "cancelled";

export interface FinishedRun {
  stopReason: StopReason | undefined;
  /** As bubblewrap reports it, like a shell: 128 + n for a process killed by signal n. */
  exitCode: number | null;
  stderr: string;
}

// The kernel's answers to the resource limits: SIGXCPU at the CPU-time limit, SIGXFSZ at the file
// size limit (Python ignores SIGXFSZ and fails the write instead, which ends as an ordinary error).
const cpuLimitExit = 128 + constants.signals.SIGXCPU;
const fileSizeLimitExit = 128 + constants.signals.SIGXFSZ;

export function classifyOutcome({ stopReason, exitCode, stderr }: FinishedRun, ranOutOfMemory: (stderr: string) => boolean): SandboxOutcome {
  if (stopReason) return stopReason;
  if (exitCode === 0) return "completed";
  if (exitCode === cpuLimitExit) return "cpu-limit";
  if (exitCode === fileSizeLimitExit) return "output-limit";
  if (ranOutOfMemory(stderr)) return "memory-limit";
  return "failed";
}
