import { constants } from "node:fs";
import { access, chmod, chown, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { bubblewrapArguments, programFiles, type BubblewrapRun } from "./bubblewrap-arguments.js";
import { classifyOutcome } from "./classify-outcome.js";
import { createConcurrencyLimit } from "./concurrency-limit.js";
import { removeTree } from "./directory-tree.js";
import { collectOutputFiles } from "./output-files.js";
import type { Sandbox, SandboxRequest, SandboxResult } from "./sandbox.js";
import { sandboxUnavailable } from "./sandbox-errors.js";
import { defaultInterpreterPaths, languageRuntimes, type InterpreterPaths, type LanguageRuntime } from "./sandbox-language.js";
import { defaultSandboxLimits, type SandboxLimits } from "./sandbox-limits.js";
import { statusDescriptor, superviseBubblewrap, type SupervisedResult } from "./supervise-bubblewrap.js";
import { copyWorkspace, type FileOwner } from "./workspace-copy.js";

export interface BubblewrapSandboxOptions {
  /** Debian's `bubblewrap` package installs it here. */
  bubblewrapPath?: string;
  /** util-linux's prlimit; it runs inside the sandbox, so it must be under /usr. */
  prlimitPath?: string;
  /** Python must be under /usr (its standard library comes with it); Node is a single file and is bound in from anywhere. */
  interpreters?: Partial<InterpreterPaths>;
  limits?: Partial<SandboxLimits>;
  /** Runs at once; the others wait for a place. */
  maxConcurrentRuns?: number;
  /** Where each run's private copy of the workspace is made; the sandbox user must be able to reach it (like /tmp). */
  temporaryDirectory?: string;
  /**
   * The unprivileged host user the code runs as when the server runs as root (nobody by default).
   * A server that is not root runs the code as itself, inside the namespaces.
   */
  sandboxUser?: FileOwner;
}

export const defaultBubblewrapPath = "/usr/bin/bwrap";
export const defaultPrlimitPath = "/usr/bin/prlimit";
export const defaultMaxConcurrentRuns = 4;
const nobody: FileOwner = { uid: 65534, gid: 65534 };

/** Only /usr, without /usr/local, is visible in the sandbox. */
function assertVisibleInSandbox(what: string, path: string): void {
  if (!path.startsWith("/usr/") || path.startsWith("/usr/local/")) throw new Error(`${what} must be under /usr (not /usr/local) to be visible in the sandbox: ${path}`);
}

async function assertExecutable(what: string, path: string): Promise<void> {
  try {
    await access(path, constants.X_OK);
  } catch (error) {
    throw sandboxUnavailable(`${what} is not installed (no ${path})`, error);
  }
}

const firstLine = (text: string) => text.trim().split("\n")[0]?.slice(0, 300) ?? "";

const cancelledResult = (): SandboxResult => ({
  outcome: "cancelled",
  exitCode: null,
  stdout: "",
  stderr: "",
  durationMilliseconds: 0,
  outputFiles: [],
  skippedInputFiles: [],
  skippedOutputFiles: [],
});

/**
 * Runs code with bubblewrap (Debian's `bwrap`): new user, mount, pid, network, ipc, uts and cgroup
 * namespaces, an empty environment, a read-only /usr, resource limits set by the kernel, and a
 * private copy of the project's workspace whose new and changed files come back as the result.
 * Without bubblewrap nothing runs: `run` throws SANDBOX_UNAVAILABLE.
 */
export function createBubblewrapSandbox(options: BubblewrapSandboxOptions = {}): Sandbox {
  const bubblewrapPath = options.bubblewrapPath ?? defaultBubblewrapPath;
  const prlimitPath = options.prlimitPath ?? defaultPrlimitPath;
  const limits: SandboxLimits = { ...defaultSandboxLimits, ...options.limits };
  const interpreters: InterpreterPaths = { ...defaultInterpreterPaths, ...options.interpreters };
  const runtimes = languageRuntimes(interpreters);
  const concurrency = createConcurrencyLimit(options.maxConcurrentRuns ?? defaultMaxConcurrentRuns);
  const temporaryDirectory = options.temporaryDirectory ?? tmpdir();
  assertVisibleInSandbox("prlimit", prlimitPath);
  assertVisibleInSandbox("The Python interpreter", interpreters.python);
  if (!isAbsolute(interpreters.javascript)) throw new Error(`The JavaScript interpreter must be an absolute path: ${interpreters.javascript}`);

  // As root, RLIMIT_NPROC would not apply and an escape would land as root: drop to an unprivileged user.
  const hostUser = (): FileOwner | undefined => (process.getuid?.() === 0 ? (options.sandboxUser ?? nobody) : undefined);

  /** A directory of the run's own: the workspace copy (the only writable place) beside the read-only code. */
  async function makeRunDirectory(owner: FileOwner | undefined): Promise<{ directory: string; workspaceCopy: string }> {
    const directory = await mkdtemp(join(temporaryDirectory, "codelab-sandbox-"));
    // Bubblewrap runs as the sandbox user and must reach what it mounts; the names inside are not listable.
    await chmod(directory, 0o711);
    const workspaceCopy = join(directory, "workspace");
    await mkdir(workspaceCopy, { mode: 0o700 });
    if (owner) await chown(workspaceCopy, owner.uid, owner.gid);
    return { directory, workspaceCopy };
  }

  function supervise(run: Omit<BubblewrapRun, "limits" | "prlimitPath" | "statusDescriptor">, directory: string, signal: AbortSignal | undefined, owner: FileOwner | undefined) {
    return superviseBubblewrap({
      bubblewrapPath,
      arguments: bubblewrapArguments({ ...run, limits, prlimitPath, statusDescriptor }),
      workingDirectory: directory,
      user: owner,
      wallTimeMilliseconds: limits.wallTimeMilliseconds,
      outputBytes: limits.outputBytes,
      signal,
    });
  }

  function assertStarted(supervised: SupervisedResult): void {
    if (!supervised.stopReason && !supervised.commandRan) {
      throw sandboxUnavailable(`the sandbox could not start (${firstLine(supervised.stderr.toString("utf8")) || `exit code ${supervised.exitCode}`})`);
    }
  }

  async function runInDirectory(request: SandboxRequest, runtime: LanguageRuntime, owner: FileOwner | undefined, directory: string, workspaceCopy: string): Promise<SandboxResult> {
    const codeFile = join(directory, runtime.fileName);
    await writeFile(codeFile, request.code, { mode: 0o444 });
    const copy = await copyWorkspace(request.workspaceDirectory, workspaceCopy, limits, owner);
    if (request.signal?.aborted) return { ...cancelledResult(), skippedInputFiles: copy.skippedFiles };

    const supervised = await supervise(
      { workspaceCopy, readOnlyFiles: programFiles(runtime, codeFile), environment: runtime.environment, command: runtime.command(limits) },
      directory,
      request.signal,
      owner,
    );
    assertStarted(supervised);
    const stderr = supervised.stderr.toString("utf8");
    const outcome = classifyOutcome({ stopReason: supervised.stopReason, exitCode: supervised.exitCode, stderr }, runtime.ranOutOfMemory);
    const outputs = outcome === "cancelled" ? { files: [], skippedFiles: [] } : await collectOutputFiles(workspaceCopy, copy.fingerprints, limits);
    return {
      outcome,
      exitCode: supervised.exitCode,
      stdout: supervised.stdout.toString("utf8"),
      stderr,
      durationMilliseconds: supervised.durationMilliseconds,
      outputFiles: outputs.files,
      skippedInputFiles: copy.skippedFiles,
      skippedOutputFiles: outputs.skippedFiles,
    };
  }

  /** Creates a run directory, hands it to `work`, and always removes it. */
  async function withRunDirectory<Result>(work: (owner: FileOwner | undefined, directory: string, workspaceCopy: string) => Promise<Result>): Promise<Result> {
    const owner = hostUser();
    const { directory, workspaceCopy } = await makeRunDirectory(owner);
    try {
      return await work(owner, directory, workspaceCopy);
    } finally {
      await removeTree(directory);
    }
  }

  return {
    async available() {
      try {
        const supervised = await withRunDirectory((owner, directory, workspaceCopy) =>
          supervise({ workspaceCopy, readOnlyFiles: [], environment: {}, command: ["/usr/bin/true"] }, directory, undefined, owner),
        );
        return supervised.commandRan && supervised.exitCode === 0;
      } catch {
        // Whatever stops a trivial command from running (no bubblewrap, no user namespaces) means no sandbox.
        return false;
      }
    },

    async run(request) {
      const runtime = runtimes[request.language];
      await assertExecutable(`The ${request.language} interpreter`, runtime.interpreter);
      const release = await concurrency.acquire(request.signal);
      if (!release) return cancelledResult();
      try {
        return await withRunDirectory((owner, directory, workspaceCopy) => runInDirectory(request, runtime, owner, directory, workspaceCopy));
      } finally {
        release();
      }
    },
  };
}
