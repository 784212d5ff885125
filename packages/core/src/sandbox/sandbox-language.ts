import type { SandboxLanguage } from "./sandbox.js";

/** Where the code and the interpreter appear inside the sandbox (a read-only directory, not part of the workspace). */
export const sandboxProgramDirectory = "/sandbox";
export const sandboxBinDirectory = `${sandboxProgramDirectory}/bin`;

/** How one language is run inside the sandbox. */
export interface LanguageRuntime {
  /** The code's file name in `/sandbox`. */
  fileName: string;
  /** The interpreter's path on the host. */
  interpreter: string;
  /** Binds the interpreter read-only at `/sandbox/bin/<name>` (a single-file runtime such as Node); otherwise it must be visible under /usr. */
  bindInterpreterAs: string | undefined;
  /** The argument vector inside the sandbox. */
  command: (limits: { memoryBytes: number }) => string[];
  environment: Record<string, string>;
  /** Whether stderr says the program died for lack of memory (the kernel's limit shows up as an allocation failure). */
  ranOutOfMemory: (stderr: string) => boolean;
}

export interface InterpreterPaths {
  python: string;
  javascript: string;
}

export const defaultInterpreterPaths: InterpreterPaths = { python: "/usr/bin/python3", javascript: "/usr/bin/node" };

const pythonOutOfMemory = /^MemoryError\b/m;
const javascriptOutOfMemory = /JavaScript heap out of memory|Array buffer allocation failed|Fatal process OOM|std::bad_alloc/;

export function languageRuntimes(paths: InterpreterPaths): Record<SandboxLanguage, LanguageRuntime> {
  const python: LanguageRuntime = {
    fileName: "main.py",
    interpreter: paths.python,
    bindInterpreterAs: undefined,
    // -B: no __pycache__ in the workspace; -u: what was printed before a kill is not lost in a buffer.
    command: () => [paths.python, "-B", "-u", `${sandboxProgramDirectory}/main.py`],
    environment: {
      // The script lives in /sandbox, so the workspace's own modules are importable only through this.
      PYTHONPATH: "/workspace",
      // If matplotlib is installed, it draws to files rather than looking for a display.
      MPLBACKEND: "Agg",
      MPLCONFIGDIR: "/tmp",
    },
    ranOutOfMemory: (stderr) => pythonOutOfMemory.test(stderr),
  };
  const javascript: LanguageRuntime = {
    fileName: "main.js",
    interpreter: paths.javascript,
    bindInterpreterAs: "node",
    command: ({ memoryBytes }) => [
      `${sandboxBinDirectory}/node`,
      // V8 reserves far more address space than it uses, so the kernel's data limit cannot cap its
      // heap cleanly; the heap gets half the memory limit and fails with a clear message.
      `--max-old-space-size=${Math.max(16, Math.floor(memoryBytes / 2 / (1024 * 1024)))}`,
      // Lets the code use `import` as well as `require` (the default from Node 22.7 on).
      "--experimental-detect-module",
      `${sandboxProgramDirectory}/main.js`,
    ],
    environment: {},
    ranOutOfMemory: (stderr) => javascriptOutOfMemory.test(stderr),
  };
  return { python, javascript };
}
