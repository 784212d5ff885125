export type SandboxLanguage = "python" | "javascript";

export interface SandboxRequest {
  language: SandboxLanguage;
  code: string;
  /**
   * The project's workspace directory. The sandbox runs on a private copy of it, never on the
   * directory itself; files the code creates or changes come back as `outputFiles`.
   */
  workspaceDirectory: string;
  signal?: AbortSignal;
}

export interface SandboxOutputFile {
  /** Relative to the workspace, `/`-separated. */
  path: string;
  content: Buffer;
}

export type SandboxOutcome = "completed" | "failed" | "timed-out" | "cpu-limit" | "memory-limit" | "output-limit" | "cancelled";

export interface SandboxResult {
  outcome: SandboxOutcome;
  /** As a shell reports it (128 + n when signal n ended the program); null when the sandbox stopped the run itself. */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMilliseconds: number;
  outputFiles: SandboxOutputFile[];
  /** Workspace files left out of the private copy because they did not fit its limits. */
  skippedInputFiles: string[];
  /** Files the code created or changed that are not in `outputFiles` because they did not fit its limits. */
  skippedOutputFiles: string[];
}

/** Runs untrusted code isolated from the server: no network, no environment, no files but the workspace copy, capped resources. */
export interface Sandbox {
  /** Whether the isolation mechanism exists on this machine; tools built on it report it instead of running unsafely. */
  available(): Promise<boolean>;
  run(request: SandboxRequest): Promise<SandboxResult>;
}
