import type { LanguageRuntime } from "./sandbox-language.js";
import { sandboxBinDirectory, sandboxProgramDirectory } from "./sandbox-language.js";
import type { SandboxLimits } from "./sandbox-limits.js";

export interface BubblewrapRun {
  /** The private copy of the workspace, mounted read-write at /workspace. */
  workspaceCopy: string;
  /** Host file → path inside the sandbox, mounted read-only (the code, a single-file interpreter). */
  readOnlyFiles: ReadonlyArray<{ source: string; target: string }>;
  environment: Record<string, string>;
  /** Runs inside the sandbox, after the resource limits are set. */
  command: readonly string[];
  limits: SandboxLimits;
  prlimitPath: string;
  /** The descriptor bubblewrap reports the sandbox's start and exit status on. */
  statusDescriptor: number;
}

const baseEnvironment = {
  PATH: `${sandboxBinDirectory}:/usr/bin:/bin`,
  HOME: "/tmp",
  TMPDIR: "/tmp",
  LANG: "C.UTF-8",
};

/**
 * Bubblewrap's arguments. Every namespace is new (user, mount, pid, network, ipc, uts, cgroup), so
 * the code sees no other process, only a loopback network of its own, and a file system made of:
 * Debian's /usr read-only (without /usr/local, where a host keeps its own software and settings),
 * fresh /proc and /dev, small private /tmp and /dev/shm, the code read-only in /sandbox and the
 * workspace copy at /workspace. Everything else, the root included, is read-only and empty, so
 * nothing can fill memory through it. The environment starts empty.
 */
function bubblewrapOptions({ workspaceCopy, readOnlyFiles, environment, limits, statusDescriptor }: BubblewrapRun): string[] {
  const temporarySize = String(limits.temporaryBytes);
  const setEnvironment = Object.entries({ ...baseEnvironment, ...environment }).flatMap(([name, value]) => ["--setenv", name, value]);
  return [
    "--unshare-all",
    // --unshare-all only tries; a sandbox without its own user namespace must fail, not run.
    "--unshare-user",
    // Nested user namespaces are a common way into kernel bugs; the code has no use for them.
    "--disable-userns",
    "--cap-drop",
    "ALL",
    // When the server (or whoever kills bubblewrap) goes, every process of the sandbox goes too.
    "--die-with-parent",
    // A new session: the code cannot push input into a terminal the server may hold.
    "--new-session",
    "--hostname",
    "sandbox",
    "--clearenv",
    ...setEnvironment,
    "--ro-bind",
    "/usr",
    "/usr",
    "--size",
    "4096",
    "--tmpfs",
    "/usr/local",
    "--symlink",
    "usr/bin",
    "/bin",
    "--symlink",
    "usr/sbin",
    "/sbin",
    "--symlink",
    "usr/lib",
    "/lib",
    "--symlink",
    "usr/lib64",
    "/lib64",
    "--proc",
    "/proc",
    "--dev",
    "/dev",
    "--size",
    temporarySize,
    "--tmpfs",
    "/dev/shm",
    "--size",
    temporarySize,
    "--tmpfs",
    "/tmp",
    "--bind",
    workspaceCopy,
    "/workspace",
    ...readOnlyFiles.flatMap(({ source, target }) => ["--ro-bind", source, target]),
    "--remount-ro",
    "/usr/local",
    "--remount-ro",
    "/dev",
    "--remount-ro",
    "/",
    "--chdir",
    "/workspace",
    "--json-status-fd",
    String(statusDescriptor),
  ];
}

/**
 * The limits are set by prlimit inside the sandbox, after bubblewrap has made the user namespace:
 * the process count is then counted in that namespace, per run, rather than for the host user all
 * runs share (which would let one run's fork bomb starve the others, or the server's own threads
 * count against the code).
 */
function limitOptions({ limits, prlimitPath }: BubblewrapRun): string[] {
  return [
    prlimitPath,
    `--nproc=${limits.processes}`,
    // SIGXCPU at the soft limit (reported as cpu-limit); SIGKILL a second later if it is caught.
    `--cpu=${limits.cpuSeconds}:${limits.cpuSeconds + 1}`,
    `--data=${limits.memoryBytes}`,
    `--fsize=${limits.fileSizeBytes}`,
    `--nofile=${limits.openFiles}`,
    // No core dumps: they would land in the workspace, or be piped to a handler running on the host.
    "--core=0",
    "--",
  ];
}

/** The whole argument vector after the bubblewrap executable. */
export function bubblewrapArguments(run: BubblewrapRun): string[] {
  return [...bubblewrapOptions(run), ...limitOptions(run), ...run.command];
}

/** Read-only files a language run needs: its code, and its interpreter when that is a single file bound in. */
export function programFiles(runtime: LanguageRuntime, codeFile: string): Array<{ source: string; target: string }> {
  const files = [{ source: codeFile, target: `${sandboxProgramDirectory}/${runtime.fileName}` }];
  if (runtime.bindInterpreterAs !== undefined) files.push({ source: runtime.interpreter, target: `${sandboxBinDirectory}/${runtime.bindInterpreterAs}` });
  return files;
}
