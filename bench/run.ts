// `npm run bench` runs every suite with the defaults; options reach this file through the workspace script:
// `npm run bench --workspace @codelab/bench -- [suite ...] [--duration 10] [--rounds 3] [--cpu-prof]`
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BenchSettings } from "./src/lib/settings.js";
import type { Check, Suite } from "./src/lib/suite.js";
import { formatTable } from "./src/lib/table.js";
import { suites } from "./src/suites/index.js";

const usage = `Usage: npm run bench --workspace @codelab/bench -- [suite ...] [--duration seconds] [--warmup seconds] [--rounds n] [--connections n] [--cpu-prof]
Suites: ${suites.map((suite) => `\n  ${suite.name.padEnd(16)} ${suite.summary}`).join("")}`;

function positiveNumber(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}

function readSettings(signal: AbortSignal): { settings: BenchSettings; suiteNames: string[]; help: boolean } {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      duration: { type: "string", default: "10" },
      warmup: { type: "string", default: "3" },
      rounds: { type: "string", default: "3" },
      connections: { type: "string", default: "50" },
      "cpu-prof": { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  return {
    help: values.help,
    suiteNames: positionals,
    settings: {
      durationSeconds: positiveNumber("duration", values.duration),
      warmupSeconds: positiveNumber("warmup", values.warmup),
      rounds: Math.round(positiveNumber("rounds", values.rounds)),
      connections: Math.round(positiveNumber("connections", values.connections)),
      cpuProfileDirectory: values["cpu-prof"] ? mkdtempSync(join(tmpdir(), "codelab-bench-profiles-")) : undefined,
      signal,
    },
  };
}

const interruption = new AbortController();
// Ctrl-C lets the running suite stop its servers and drop its database (at most a few seconds).
// It arrives twice (from the terminal and relayed by tsx), so later ones are not a second request.
process.on("SIGINT", () => {
  if (interruption.signal.aborted) return;
  console.error("\nInterrupted: stopping the servers and dropping the database");
  interruption.abort();
});

const { settings, suiteNames, help } = readSettings(interruption.signal);
const unknown = suiteNames.filter((name) => !suites.some((suite) => suite.name === name));
if (help || unknown.length > 0) {
  if (unknown.length > 0) console.error(`Unknown suite: ${unknown.join(", ")}`);
  console.log(usage);
  process.exit(help ? 0 : 2);
}

const verdict = ({ kind, passed }: Check) => (passed ? "PASS" : kind === "target" ? "MISS" : "FAIL");

async function runSuites(selected: Suite[]): Promise<boolean> {
  let correct = true;
  for (const suite of selected) {
    console.error(`\n${suite.name}: ${suite.summary}`);
    const report = await suite.run(settings);
    console.log(`\n## ${suite.name}\n\n${formatTable(report.table)}\n`);
    for (const check of report.checks) console.log(`${verdict(check)}  ${check.description}`);
    for (const note of report.notes) console.log(note);
    correct &&= report.checks.every((check) => check.passed || check.kind === "target");
  }
  return correct;
}

try {
  const correct = await runSuites(suites.filter((suite) => suiteNames.length === 0 || suiteNames.includes(suite.name)));
  process.exitCode = correct ? 0 : 1;
} catch (error) {
  if (!interruption.signal.aborted) throw error;
  process.exitCode = 130;
} finally {
  if (settings.cpuProfileDirectory) console.log(`\nCPU profiles of the server processes: ${settings.cpuProfileDirectory}`);
}
