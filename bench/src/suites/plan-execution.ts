import { fileURLToPath } from "node:url";
import { createOpenAiLlmClient, type LlmClient } from "@codelab/core";
import { recordCalls, type RecordedCalls, type RunPhases } from "../plan-execution/call-timeline.js";
import { startEngineRunner } from "../plan-execution/engine-runner.js";
import { runInMemory } from "../plan-execution/in-memory-executor.js";
import { loadLangGraphRunner } from "../plan-execution/langgraph-executor.js";
import { chainShape, fanOutShape, layeredShape, type PlanShape } from "../plan-execution/plan-shapes.js";
import type { PlanRunner } from "../plan-execution/plan-runner.js";
import { startServerProcess } from "../lib/server-process.js";
import type { BenchSettings } from "../lib/settings.js";
import { median } from "../lib/stats.js";
import type { Check, Suite } from "../lib/suite.js";
import type { ScriptedLlmRequest, ScriptedLlmStats } from "../servers/scripted-llm.js";

const shapes: PlanShape[] = [chainShape(10), fanOutShape(16), layeredShape({ layers: 5, width: 10, seed: 20_261_121 })];
const latenciesMs = [0, 50];
// Wide enough for the fan-out: the engine's default per-plan limit (8) would halve its width.
const maxParallelTasksPerPlan = 16;
const targets = { ratioToInMemory: 1.1, overheadPerCallMs: 5 };

const log = (line: string) => process.stderr.write(`${line}\n`);
const scriptedLlmEntry = fileURLToPath(new URL("../servers/scripted-llm.ts", import.meta.url));

interface Measurement {
  shape: PlanShape;
  latencyMs: number;
  /** Makespans by runner name, one per round, in round order. */
  makespans: Map<string, number[]>;
  maxConcurrent: Map<string, number>;
  /** By runner name, one per round, in round order. */
  phases: Map<string, RunPhases[]>;
  wrongCallCounts: string[];
}

const modelCalls = (shape: PlanShape) => shape.tasks.length + (shape.sinks.length > 1 ? 1 : 0);

/** Round r starts with runner r, so none always runs first. */
const roundOrder = <Item>(items: readonly Item[], round: number) => [...items.slice(round % items.length), ...items.slice(0, round % items.length)];

function inMemoryRunner(llm: LlmClient): PlanRunner {
  return { name: "in-memory", prepare: (plan) => Promise.resolve(() => runInMemory(llm, plan)) };
}

async function measureShape(
  shape: PlanShape,
  latencyMs: number,
  runners: readonly PlanRunner[],
  takeStats: () => Promise<ScriptedLlmStats>,
  calls: RecordedCalls,
  { rounds, signal }: { rounds: number; signal: AbortSignal },
): Promise<Measurement> {
  const perRunner = () => new Map(runners.map((runner) => [runner.name, []]));
  const measurement: Measurement = { shape, latencyMs, makespans: perRunner(), maxConcurrent: new Map(), phases: perRunner(), wrongCallCounts: [] };
  // Round 0 warms every runner up on this shape and is not counted.
  for (let round = 0; round <= rounds; round++) {
    for (const runner of roundOrder(runners, round)) {
      signal.throwIfAborted();
      const run = await runner.prepare(shape);
      await takeStats();
      calls.reset();
      const started = performance.now();
      await run();
      const ended = performance.now();
      const stats = await takeStats();
      if (stats.chatRequests !== modelCalls(shape)) measurement.wrongCallCounts.push(`${runner.name}: ${stats.chatRequests} calls`);
      if (round === 0) continue;
      measurement.makespans.get(runner.name)!.push(ended - started);
      measurement.phases.get(runner.name)!.push(calls.phases(started, ended));
      measurement.maxConcurrent.set(runner.name, Math.max(measurement.maxConcurrent.get(runner.name) ?? 0, stats.maxConcurrent));
    }
    if (round > 0) log(`  ${shape.name} at ${latencyMs} ms, round ${round}/${rounds}: ${[...measurement.makespans].map(([name, values]) => `${name} ${values.at(-1)!.toFixed(0)} ms`).join(", ")}`);
  }
  return measurement;
}

/** Median over rounds of the engine's makespan minus the in-memory one of the same round, per model call. */
function overheadPerCall({ shape, makespans }: Measurement): number {
  const engine = makespans.get("CodeLab engine")!;
  const reference = makespans.get("in-memory")!;
  return median(engine.map((value, round) => (value - reference[round]!) / modelCalls(shape)));
}

const format = (value: number | undefined, digits = 0) => (value === undefined || !Number.isFinite(value) ? "n/a" : value.toFixed(digits));

function phaseLine({ shape, latencyMs, phases }: Measurement): string {
  const medianPhase = (runs: readonly RunPhases[], phase: keyof RunPhases) => format(median(runs.map((run) => run[phase])), 1);
  const runners = [...phases].map(
    ([name, runs]) => `${name} ${medianPhase(runs, "beforeFirstCallMs")} / ${medianPhase(runs, "meanCallMs")} / ${medianPhase(runs, "afterLastCallMs")}`,
  );
  return `  ${shape.name} at ${latencyMs} ms: ${runners.join("; ")}`;
}

async function measureAll(settings: BenchSettings): Promise<{ measurements: Measurement[]; langGraph: boolean }> {
  const llmServer = await startServerProcess({
    name: "scripted-llm",
    entry: scriptedLlmEntry,
    options: { databaseUrl: "", redisUrl: "", redisKeyPrefix: "", jwtSecret: "" },
    cpuProfileDirectory: settings.cpuProfileDirectory,
    // eslint-disable-next-line no-restricted-properties -- the bench launches servers; they inherit its environment
    environment: { ...process.env, NODE_ENV: "production" },
  });
  const control = (request: ScriptedLlmRequest) => llmServer.control(request);
  const calls = recordCalls(
    createOpenAiLlmClient({
      apiKey: "bench-key",
      baseUrl: llmServer.url,
      timeouts: { connectMs: 10_000, idleMs: 10_000, totalMs: 30_000 },
      retry: { maxAttempts: 1, baseDelayMs: 10, maxDelayMs: 10, maxRetryAfterMs: 10 },
      limits: { maxChunkChars: 16_384, maxOutputChars: 200_000 },
    }),
  );
  const { llm } = calls;
  const engine = await startEngineRunner(llm, { maxParallelTasksPerPlan });
  try {
    const langGraph = await loadLangGraphRunner(llm);
    const runners: PlanRunner[] = [engine, inMemoryRunner(llm), ...(langGraph ? [langGraph] : [])];
    const measurements: Measurement[] = [];
    const takeStats = () => control({ type: "take-stats" }) as Promise<ScriptedLlmStats>;
    for (const latencyMs of latenciesMs) {
      await control({ type: "set-delay", milliseconds: latencyMs });
      for (const shape of shapes) {
        measurements.push(await measureShape(shape, latencyMs, runners, takeStats, calls, { rounds: Math.max(5, settings.rounds), signal: settings.signal }));
      }
    }
    return { measurements, langGraph: langGraph !== undefined };
  } finally {
    await engine.close();
    await llmServer.stop();
  }
}

export const planExecutionSuite: Suite = {
  name: "plan-execution",
  summary: "makespan of a chain of 10, a 1→16→1 fan-out and a 50-task layered DAG: CodeLab's durable engine against an in-memory executor and LangGraph.js",
  async run(settings) {
    const { measurements, langGraph } = await measureAll(settings);
    const medianOf = (measurement: Measurement, runner: string) => {
      const values = measurement.makespans.get(runner);
      return values && values.length > 0 ? median(values) : undefined;
    };
    const rows = measurements.map((measurement) => {
      const engine = medianOf(measurement, "CodeLab engine")!;
      const inMemory = medianOf(measurement, "in-memory")!;
      const graph = medianOf(measurement, "LangGraph");
      const bound = measurement.shape.criticalPathCalls * measurement.latencyMs;
      return { measurement, engine, inMemory, graph, bound, overhead: overheadPerCall(measurement) };
    });
    const checks: Check[] = [
      {
        kind: "correctness",
        description: "every executor made exactly one model call per task (plus one combining call for several sinks) on every run",
        passed: measurements.every((measurement) => measurement.wrongCallCounts.length === 0),
      },
      ...measurements
        // At 0 ms a call ends before the next starts, so only a real latency shows the width.
        .filter((measurement) => measurement.shape.name.startsWith("fan-out") && measurement.latencyMs > 0)
        .map((measurement) => ({
          kind: "correctness" as const,
          description: `the engine ran the fan-out's branches side by side at ${measurement.latencyMs} ms: ${measurement.maxConcurrent.get("CodeLab engine")} model calls at once (width 16)`,
          passed: measurement.maxConcurrent.get("CodeLab engine") === 16,
        })),
      ...rows
        .filter((row) => row.measurement.latencyMs > 0)
        .flatMap((row) => [
          {
            kind: "target" as const,
            description: `${row.measurement.shape.name} at ${row.measurement.latencyMs} ms: engine ÷ in-memory = ${format(row.engine / row.inMemory, 2)} (target ≤ ${targets.ratioToInMemory})`,
            passed: row.engine / row.inMemory <= targets.ratioToInMemory,
          },
          ...(row.graph === undefined
            ? []
            : [
                {
                  kind: "target" as const,
                  description: `${row.measurement.shape.name} at ${row.measurement.latencyMs} ms: engine ÷ LangGraph = ${format(row.engine / row.graph, 2)} (target < 1)`,
                  passed: row.engine < row.graph,
                },
              ]),
        ]),
      ...rows
        .filter((row) => row.measurement.latencyMs === 0)
        .map((row) => ({
          kind: "target" as const,
          description: `${row.measurement.shape.name} at 0 ms: orchestration overhead ${format(row.overhead, 1)} ms per task, median (target ≤ ${targets.overheadPerCallMs} ms)`,
          passed: row.overhead <= targets.overheadPerCallMs,
        })),
    ];
    return {
      table: {
        columns: ["shape", "latency ms", "bound ms", "engine ms", "in-memory ms", "LangGraph ms", "engine ÷ bound", "engine ÷ in-memory", "engine ÷ LangGraph", "overhead ms/task"],
        rows: rows.map(({ measurement, engine, inMemory, graph, bound, overhead }) => [
          measurement.shape.name,
          String(measurement.latencyMs),
          String(bound),
          format(engine),
          format(inMemory),
          langGraph ? format(graph) : "not installed",
          bound > 0 ? format(engine / bound, 2) : "n/a",
          format(engine / inMemory, 2),
          graph === undefined ? "n/a" : format(engine / graph, 2),
          format(overhead, 1),
        ]),
        numericColumns: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      },
      checks,
      notes: [
        `Makespans are medians of ${Math.max(5, settings.rounds)} interleaved rounds after one warm-up round, from the start of execution to the end (the engine: start() until its plan-end event reaches a subscriber of the session; the plan is stored before the clock starts).`,
        `Every task is one streamed call through the real openai client to an OpenAI-compatible test server in its own process, answering after the given latency; several sinks add one combining call. "bound" = model calls on the critical path × latency.`,
        `The engine persists every transition with its outbox event in PostgreSQL, publishes on the Redis event bus and runs each task through the contextual agent (memory recall and storage included); per-plan limit ${maxParallelTasksPerPlan}. The in-memory executor chains promises; LangGraph.js runs the same graph as a StateGraph with waiting edges${langGraph ? "" : " (not installed: add @langchain/langgraph to bench devDependencies)"}.`,
        `"overhead ms/task": median over rounds of (engine − in-memory makespan of the same round) ÷ model calls, at 0 ms latency.`,
        "Where the time goes besides the model, medians over rounds, per executor (before the first model call / mean model call / after the last answer, ms):",
        ...measurements.map(phaseLine),
      ],
    };
  },
};
