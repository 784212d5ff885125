import { chmod, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBubblewrapSandbox, type BubblewrapSandboxOptions } from "../bubblewrap-sandbox.js";
import type { Sandbox, SandboxLanguage, SandboxResult } from "../sandbox.js";

export interface SandboxFixture extends AsyncDisposable {
  sandbox: Sandbox;
  /** The real workspace the sandbox copies; tests put files here and check it is left alone. */
  workspaceDirectory: string;
  /** Where the sandbox makes its run directories; empty whenever no run is under way. */
  temporaryDirectory: string;
  run(language: SandboxLanguage, code: string, signal?: AbortSignal): Promise<SandboxResult>;
  /** What is left in the temporary directory. */
  leftovers(): Promise<string[]>;
}

/** A real bubblewrap sandbox over a fresh workspace directory, with run directories in a directory of the test's own. */
export async function createSandboxFixture(options: Omit<BubblewrapSandboxOptions, "temporaryDirectory"> = {}): Promise<SandboxFixture> {
  const base = await mkdtemp(join(tmpdir(), "codelab-sandbox-test-"));
  const workspaceDirectory = join(base, "workspace");
  const temporaryDirectory = join(base, "runs");
  await Promise.all([mkdir(workspaceDirectory), mkdir(temporaryDirectory, { mode: 0o711 })]);
  // Bubblewrap runs as the unprivileged sandbox user and must reach the run directories it mounts.
  await chmod(base, 0o711);
  const sandbox = createBubblewrapSandbox({ ...options, temporaryDirectory });
  return {
    sandbox,
    workspaceDirectory,
    temporaryDirectory,
    run: (language, code, signal) => sandbox.run({ language, code, workspaceDirectory, signal }),
    leftovers: () => readdir(temporaryDirectory),
    async [Symbol.asyncDispose]() {
      await rm(base, { recursive: true, force: true });
    },
  };
}
