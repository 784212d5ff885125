import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import type { StopReason } from "./classify-outcome.js";
import { sandboxUnavailable } from "./sandbox-errors.js";
import type { FileOwner } from "./workspace-copy.js";

export interface SupervisedRun {
  bubblewrapPath: string;
  arguments: readonly string[];
  /** A directory of the run's own, so nothing depends on the server's working directory. */
  workingDirectory: string;
  /** The host user bubblewrap runs as; `undefined` keeps the server's (when the server is not root). */
  user: FileOwner | undefined;
  wallTimeMilliseconds: number;
  outputBytes: number;
  signal: AbortSignal | undefined;
}

export interface SupervisedResult {
  stopReason: StopReason | undefined;
  /** Bubblewrap's exit code (the code's, or 128 + its fatal signal); null when the supervisor killed it. */
  exitCode: number | null;
  /** Whether bubblewrap got as far as running the command (it reports the command's exit only then). */
  commandRan: boolean;
  stdout: Buffer;
  stderr: Buffer;
  durationMilliseconds: number;
}

/** Where bubblewrap reports the sandbox's start and exit (`--json-status-fd`). */
export const statusDescriptor = 3;
const maxStatusBytes = 64 * 1024;
// After bubblewrap exits, --die-with-parent has the kernel kill whatever is left in the sandbox;
// its copies of stdout and stderr close with it. This only bounds the wait if that ever fails.
const closeGraceMilliseconds = 1_000;

interface CapturedStream {
  chunks: Buffer[];
  bytes: number;
}

function capture(stream: Readable, maxBytes: number, onOverflow: () => void): CapturedStream {
  const captured: CapturedStream = { chunks: [], bytes: 0 };
  stream.on("data", (chunk: Buffer) => {
    const room = maxBytes - captured.bytes;
    if (chunk.byteLength > room) {
      captured.chunks.push(chunk.subarray(0, room));
      captured.bytes = maxBytes;
      onOverflow();
      return;
    }
    captured.chunks.push(chunk);
    captured.bytes += chunk.byteLength;
  });
  return captured;
}

/** The command's exit code from bubblewrap's status lines (`{ "exit-code": 0 }`), if it reported one. */
function reportedExitCode(status: Buffer): number | undefined {
  for (const line of status.toString("utf8").split("\n")) {
    try {
      const parsed: unknown = JSON.parse(line);
      if (typeof parsed === "object" && parsed !== null && "exit-code" in parsed && typeof parsed["exit-code"] === "number") return parsed["exit-code"];
    } catch {
      // Not a complete status line (bubblewrap was killed mid-write): nothing to learn from it.
    }
  }
  return undefined;
}

/**
 * Runs bubblewrap with the output capped and the wall time bounded. Killing bubblewrap ends the
 * whole sandbox: its pid 1 dies with it (--die-with-parent), and the kernel then kills every other
 * process of the sandbox's pid namespace.
 */
export function superviseBubblewrap(run: SupervisedRun): Promise<SupervisedResult> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let durationMilliseconds = 0;
    let stopReason: StopReason | undefined;
    let settled = false;

    const child = spawn(run.bubblewrapPath, run.arguments, {
      cwd: run.workingDirectory,
      // Bubblewrap clears the sandbox's environment itself; it needs none of the server's either.
      env: {},
      stdio: ["ignore", "pipe", "pipe", "pipe"],
      ...(run.user ? { uid: run.user.uid, gid: run.user.gid } : {}),
    });
    const stop = (reason: StopReason) => {
      if (stopReason || settled) return;
      stopReason = reason;
      child.kill("SIGKILL");
    };
    const stdout = capture(child.stdout!, run.outputBytes, () => stop("output-limit"));
    const stderr = capture(child.stderr!, run.outputBytes, () => stop("output-limit"));
    const status = capture(child.stdio[statusDescriptor] as Readable, maxStatusBytes, () => undefined);

    const wallTimer = setTimeout(() => stop("timed-out"), run.wallTimeMilliseconds);
    let graceTimer: NodeJS.Timeout | undefined;
    const onAbort = () => stop("cancelled");
    run.signal?.addEventListener("abort", onAbort, { once: true });

    const finish = () => {
      settled = true;
      clearTimeout(wallTimer);
      clearTimeout(graceTimer);
      run.signal?.removeEventListener("abort", onAbort);
    };

    child.on("error", (error: NodeJS.ErrnoException) => {
      if (settled) return;
      finish();
      child.stdio.forEach((stream) => stream?.destroy());
      reject(sandboxUnavailable(error.code === "ENOENT" ? `bubblewrap is not installed (no ${run.bubblewrapPath})` : "bubblewrap could not be started", error));
    });
    child.on("exit", () => {
      durationMilliseconds = performance.now() - startedAt;
      // The run is over: neither the clock nor a late abort may turn it into a stopped one.
      clearTimeout(wallTimer);
      run.signal?.removeEventListener("abort", onAbort);
      graceTimer = setTimeout(() => child.stdio.forEach((stream) => stream?.destroy()), closeGraceMilliseconds);
    });
    child.on("close", (code) => {
      if (settled) return;
      finish();
      const exitCode = reportedExitCode(Buffer.concat(status.chunks));
      resolve({
        stopReason,
        exitCode: stopReason ? null : (exitCode ?? code),
        commandRan: exitCode !== undefined,
        stdout: Buffer.concat(stdout.chunks),
        stderr: Buffer.concat(stderr.chunks),
        durationMilliseconds: durationMilliseconds || performance.now() - startedAt,
      });
    });
    if (run.signal?.aborted) stop("cancelled");
  });
}
