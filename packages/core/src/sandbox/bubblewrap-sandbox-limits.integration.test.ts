import { readdir, readFile } from "node:fs/promises";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxLanguage } from "./sandbox.js";
import type { SandboxLimits } from "./sandbox-limits.js";
import { createSandboxFixture, type SandboxFixture } from "./testing/sandbox-fixture.js";

// Small limits keep the runaway programs short. The wall time stays well above the CPU limit so
// that a spinning program is stopped by the CPU limit, not by the clock.
const limits: Partial<SandboxLimits> = {
  wallTimeMilliseconds: 4_000,
  cpuSeconds: 1,
  memoryBytes: 256 * 1024 * 1024,
  processes: 24,
  outputBytes: 64 * 1024,
};

let fixture: SandboxFixture;

beforeAll(async () => {
  fixture = await createSandboxFixture({ limits });
});

afterAll(async () => {
  await fixture?.[Symbol.asyncDispose]();
});

/** Host processes whose command line holds `marker`. */
async function processesWith(marker: string): Promise<string[]> {
  const found: string[] = [];
  for (const pid of (await readdir("/proc")).filter((entry) => /^\d+$/.test(entry))) {
    try {
      if ((await readFile(`/proc/${pid}/cmdline`, "latin1")).includes(marker)) found.push(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

/** Waits (boundedly) until no host process holds `marker`; the kernel tears a pid namespace down asynchronously. */
async function settledProcessesWith(marker: string): Promise<string[]> {
  let found = await processesWith(marker);
  for (let attempt = 0; attempt < 40 && found.length > 0; attempt += 1) {
    await delay(50);
    found = await processesWith(marker);
  }
  return found;
}

interface Runaway {
  name: string;
  outcome: string;
  python: string;
  javascript: string;
}

const runaways: Runaway[] = [
  { name: "an infinite loop hits the CPU limit", outcome: "cpu-limit", python: "while True:\n    pass", javascript: "for (;;) {}" },
  {
    name: "a program that sleeps forever hits the wall-time limit",
    outcome: "timed-out",
    python: "import time\ntime.sleep(600)",
    javascript: "setTimeout(() => {}, 600_000);",
  },
  {
    name: "a memory hog hits the memory limit",
    outcome: "memory-limit",
    python: "hog = []\nwhile True:\n    hog.append(bytearray(16 * 1024 * 1024))",
    javascript: "const hog = []; for (;;) hog.push(new Array(1_000_000).fill(Math.random()));",
  },
  {
    name: "an output flood hits the output limit",
    outcome: "output-limit",
    python: 'while True:\n    print("x" * 1000)',
    javascript: 'for (;;) process.stdout.write("x".repeat(1000) + "\\n");',
  },
];

const forkBomb: Record<SandboxLanguage, string> = {
  python: `
import os, time
started = 0
try:
    while started < 500:
        if os.fork() == 0:
            time.sleep(30)
            os.kill(os.getpid(), 9)
        started += 1
    print("ESCAPED started", started)
except OSError as error:
    print("BLOCKED after", started, error)
`,
  javascript: `
const { spawn } = require("node:child_process");
let started = 0;
const stop = (line) => { console.log(line); process["exit"](0); };
function next() {
  if (started >= 500) return stop("ESCAPED started " + started);
  const child = spawn("/usr/bin/sleep", ["30"], { stdio: "ignore" });
  child.once("error", (error) => stop("BLOCKED after " + started + " " + error.code));
  child.once("spawn", () => { started += 1; next(); });
}
next();
`,
};

describe("the bubblewrap sandbox's limits", () => {
  for (const language of ["python", "javascript"] as const) {
    describe(language, () => {
      it.each(runaways)("$name", async ({ outcome, ...programs }) => {
        const result = await fixture.run(language, programs[language]);

        expect(result.outcome).toBe(outcome);
      });

      it("keeps at most the output limit of a flood", async () => {
        const result = await fixture.run(language, runaways.find(({ outcome }) => outcome === "output-limit")![language]);

        expect(Buffer.byteLength(result.stdout)).toBe(limits.outputBytes);
      });

      it("stops a fork bomb at the process limit, while another run goes on normally", async () => {
        const [bomb, neighbour] = await Promise.all([
          fixture.run(language, forkBomb[language]),
          fixture.run("javascript", "setTimeout(() => console.log('neighbour done'), 300);"),
        ]);

        expect(bomb.stdout).toMatch(/^BLOCKED after \d+/);
        expect(Number(/after (\d+)/.exec(bomb.stdout)?.[1])).toBeLessThan(limits.processes!);
        expect(neighbour).toMatchObject({ outcome: "completed", stdout: "neighbour done\n" });
      });

      it("kills every process of a run when its signal aborts", async () => {
        // A sleep no other test starts, so the host's process list tells whether this run's child lives.
        const seconds = String(1_000 + Math.floor(Math.random() * 100_000));
        const sleeper = `/usr/bin/sleep\u0000${seconds}`;
        const code =
          language === "python"
            ? `import subprocess, time\nsubprocess.Popen(["/usr/bin/sleep", "${seconds}"])\ntime.sleep(600)`
            : `require("node:child_process").spawn("/usr/bin/sleep", ["${seconds}"], { stdio: "ignore" }); setTimeout(() => {}, 600_000);`;
        const controller = new AbortController();
        const running = fixture.run(language, code, controller.signal);
        for (let attempt = 0; attempt < 200 && (await processesWith(sleeper)).length === 0; attempt += 1) await delay(20);
        expect(await processesWith(sleeper)).toHaveLength(1);
        controller.abort();

        const result = await running;

        expect(result.outcome).toBe("cancelled");
        expect(await settledProcessesWith(sleeper)).toEqual([]);
      });
    });
  }

  it("answers cancelled without running anything when the signal has already aborted", async () => {
    const result = await fixture.run("python", "print('ran')", AbortSignal.abort());

    expect(result).toMatchObject({ outcome: "cancelled", stdout: "", exitCode: null });
  });

  it("reports a failing program as failed, with its exit code and stderr", async () => {
    const result = await fixture.run("javascript", 'console.error("oops"); process.exitCode = 3;');

    expect(result).toMatchObject({ outcome: "failed", exitCode: 3, stderr: "oops\n" });
  });

  it("leaves no run directory behind", async () => {
    expect(await fixture.leftovers()).toEqual([]);
  });
});
