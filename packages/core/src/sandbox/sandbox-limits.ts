const mebibyte = 1024 * 1024;

/** What one run may use. Every limit is enforced by the kernel or by the supervisor, never by the code being run. */
export interface SandboxLimits {
  /** The run is killed after this long, whatever it is doing (sleeping, blocked, spinning). */
  wallTimeMilliseconds: number;
  /** CPU time of each process (RLIMIT_CPU); spinning in several processes is still bounded by the wall time. */
  cpuSeconds: number;
  /** Writable private memory of each process (RLIMIT_DATA); JavaScript's heap is capped below it. */
  memoryBytes: number;
  /** Processes and threads together, counted in the run's own user namespace (RLIMIT_NPROC). */
  processes: number;
  /** Open files of each process (RLIMIT_NOFILE). */
  openFiles: number;
  /** Largest file a process may write (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Size of each of the private `/tmp` and `/dev/shm` (memory-backed). */
  temporaryBytes: number;
  /** Bytes kept of stdout and of stderr each; printing more stops the run (`output-limit`). */
  outputBytes: number;
  /** Workspace bytes copied into the run; files that do not fit are skipped. */
  inputBytes: number;
  inputFiles: number;
  /** Files created or changed by the run that are handed back, and their bytes together. */
  outputFiles: number;
  outputFileBytes: number;
}

/** The one place the defaults live; `createBubblewrapSandbox({ limits })` overrides any of them. */
export const defaultSandboxLimits: SandboxLimits = {
  wallTimeMilliseconds: 10_000,
  cpuSeconds: 5,
  memoryBytes: 512 * mebibyte,
  // Node alone runs about 11 threads; a process pool or a few subprocesses still fit.
  processes: 32,
  openFiles: 256,
  fileSizeBytes: 64 * mebibyte,
  temporaryBytes: 64 * mebibyte,
  outputBytes: 256 * 1024,
  inputBytes: 64 * mebibyte,
  inputFiles: 2_000,
  outputFiles: 50,
  outputFileBytes: 32 * mebibyte,
};
