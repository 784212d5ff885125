import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBubblewrapSandbox, defaultInterpreterPaths, type Sandbox, type SandboxLanguage } from "@codelab/core";
import { percentile } from "../lib/stats.js";
import type { Check, Suite } from "../lib/suite.js";

// What one code execution costs end to end through the bubblewrap sandbox: a run directory, the
// workspace copy, bubblewrap's namespaces and mounts, the interpreter starting, the copy-back walk
// and the removal, one run after another. Each sandboxed run alternates with the same program run
// directly (no sandbox, empty environment), so both see the same machine load and the difference
// is what the sandbox adds.
const runsPerCase = 200;
const warmupRuns = 10;
const p50TargetMs = 100;
const workspaceFiles = 200;
const workspaceFileBytes = 10 * 1024;

interface SandboxCase {
  name: string;
  language: SandboxLanguage;
  code: string;
  /** Whether the workspace holds `workspaceFiles` files (copied into every run) or nothing. */
  filledWorkspace: boolean;
  /** A trivial execution, held to the target. */
  targeted: boolean;
}

const cases: SandboxCase[] = [
  { name: "python: print(1)", language: "python", code: "print(1)", filledWorkspace: false, targeted: true },
  { name: "javascript: console.log(1)", language: "javascript", code: "console.log(1)", filledWorkspace: false, targeted: true },
  {
    name: `python: print(1), ${workspaceFiles} files (${(workspaceFiles * workspaceFileBytes) / 1024 / 1024} MiB) in the workspace`,
    language: "python",
    code: "print(1)",
    filledWorkspace: true,
    targeted: false,
  },
];

export interface SandboxRow {
  name: string;
  targeted: boolean;
  /** The first run of the case, before any warm-up. */
  firstMs: number;
  p50Ms: number;
  p99Ms: number;
  meanMs: number;
  maxMs: number;
  /** bubblewrap's own share: spawn to exit of the sandboxed process tree. */
  processP50Ms: number;
  /** The same program started directly, alternating with the sandboxed runs. */
  directP50Ms: number;
  /** Runs that did not complete with "1" on stdout. */
  wrongRuns: number;
}

const directArguments: Record<SandboxLanguage, (code: string) => string[]> = {
  python: (code) => ["-B", "-u", "-c", code],
  javascript: (code) => ["-e", code],
};

/** The program without the sandbox: the interpreter alone, as a baseline. */
function runDirectly(language: SandboxLanguage, code: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(defaultInterpreterPaths[language], directArguments[language](code), { env: {} }, (error, stdout) => {
      if (error) reject(new Error(`the direct ${language} run failed`, { cause: error }));
      else if (stdout !== "1\n") reject(new Error(`the direct ${language} run printed ${JSON.stringify(stdout)}`));
      else resolve(performance.now() - started);
    });
  });
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function fillWorkspace(directory: string): Promise<void> {
  await mkdir(join(directory, "data"));
  const content = Buffer.alloc(workspaceFileBytes, "x");
  for (let index = 0; index < workspaceFiles; index += 1) await writeFile(join(directory, "data", `file-${index}.txt`), content);
}

async function measureCase(sandbox: Sandbox, testCase: SandboxCase, workspaceDirectory: string, signal: AbortSignal | undefined): Promise<SandboxRow> {
  let wrongRuns = 0;
  const runOnce = async () => {
    const started = performance.now();
    const result = await sandbox.run({ language: testCase.language, code: testCase.code, workspaceDirectory });
    const milliseconds = performance.now() - started;
    if (result.outcome !== "completed" || result.stdout !== "1\n") wrongRuns += 1;
    return { milliseconds, processMilliseconds: result.durationMilliseconds };
  };
  const first = await runOnce();
  for (let index = 0; index < warmupRuns; index += 1) await runOnce();
  const totals: number[] = [];
  const processes: number[] = [];
  const directs: number[] = [];
  for (let index = 0; index < runsPerCase; index += 1) {
    signal?.throwIfAborted();
    const { milliseconds, processMilliseconds } = await runOnce();
    totals.push(milliseconds);
    processes.push(processMilliseconds);
    directs.push(await runDirectly(testCase.language, testCase.code));
  }
  return {
    name: testCase.name,
    targeted: testCase.targeted,
    firstMs: first.milliseconds,
    p50Ms: percentile(totals, 0.5),
    p99Ms: percentile(totals, 0.99),
    meanMs: totals.reduce((sum, value) => sum + value, 0) / totals.length,
    maxMs: Math.max(...totals),
    processP50Ms: percentile(processes, 0.5),
    directP50Ms: percentile(directs, 0.5),
    wrongRuns,
  };
}

/** Measures every case in a fresh pair of workspaces; the sandbox's defaults, one run at a time. */
export async function measureSandbox({ signal }: { signal?: AbortSignal } = {}): Promise<{ available: boolean; rows: SandboxRow[] }> {
  const sandbox = createBubblewrapSandbox();
  if (!(await sandbox.available())) return { available: false, rows: [] };
  const base = await mkdtemp(join(tmpdir(), "codelab-bench-sandbox-"));
  try {
    const empty = join(base, "empty");
    const filled = join(base, "filled");
    await mkdir(empty);
    await mkdir(filled);
    await fillWorkspace(filled);
    const rows: SandboxRow[] = [];
    for (const testCase of cases) {
      log(`  ${testCase.name}: ${warmupRuns} warm-up runs, then ${runsPerCase}`);
      rows.push(await measureCase(sandbox, testCase, testCase.filledWorkspace ? filled : empty, signal));
    }
    return { available: true, rows };
  } finally {
    await rm(base, { recursive: true, force: true });
  }
}

const format = (value: number) => value.toFixed(1);

export const sandboxSuite: Suite = {
  name: "sandbox",
  summary: `sandbox start-up and a trivial execution per language through bubblewrap, ${runsPerCase} sequential runs after ${warmupRuns} warm-up runs`,
  async run(settings) {
    const { available, rows } = await measureSandbox({ signal: settings.signal });
    const checks: Check[] = [
      { kind: "correctness", description: "bubblewrap runs here (the sandbox's available() probe)", passed: available },
      ...rows.map((row) => ({
        kind: "correctness" as const,
        description: `${row.name}: every run completed and printed 1 (${row.wrongRuns} did not)`,
        passed: row.wrongRuns === 0,
      })),
      ...rows
        .filter((row) => row.targeted)
        .map((row) => ({
          kind: "target" as const,
          description: `${row.name}: p50 warm = ${format(row.p50Ms)} ms (target < ${p50TargetMs} ms)`,
          passed: row.p50Ms < p50TargetMs,
        })),
    ];
    return {
      table: {
        columns: ["case", "first run ms", "p50 ms", "p99 ms", "mean ms", "max ms", "bubblewrap p50 ms", "no sandbox p50 ms", "added p50 ms"],
        rows: rows.map((row) => [
          row.name,
          format(row.firstMs),
          format(row.p50Ms),
          format(row.p99Ms),
          format(row.meanMs),
          format(row.maxMs),
          format(row.processP50Ms),
          format(row.directP50Ms),
          format(row.p50Ms - row.directP50Ms),
        ]),
        numericColumns: [1, 2, 3, 4, 5, 6, 7, 8],
      },
      checks,
      notes: [
        `End to end per run: the run directory, the workspace copy, bubblewrap (namespaces, mounts, prlimit, the interpreter, the code), the walk for changed files and the removal. "bubblewrap" is the part from spawning bwrap to its exit.`,
        `"no sandbox": the same interpreter and code started directly with an empty environment, alternating with the sandboxed runs; "added" is the difference of the two medians, what the sandbox costs.`,
        `"first run": the case's first run in this process, before the warm-up. Default limits; runs one at a time on a shared machine.`,
      ],
    };
  },
};
