import { runLoad, type LoadResult, type LoadTarget } from "./load.js";
import type { ServerProcess } from "./server-process.js";
import type { BenchSettings } from "./settings.js";
import { median } from "./stats.js";

export interface ServedTarget extends LoadTarget {
  /** The process answering this target, whose CPU time is charged to it while it is under load. */
  server: Pick<ServerProcess, "cpuTimeMicroseconds">;
}

export interface RunResult extends LoadResult {
  /**
   * Server CPU time per completed request. Unlike req/s it barely depends on what else the
   * (shared, noisy) machine is doing, so it says where a slower target spends its time.
   */
  serverCpuMicrosecondsPerRequest: number;
}

export interface TargetMeasurement<Target extends ServedTarget = ServedTarget> {
  target: Target;
  /** One result per round, in round order. */
  runs: RunResult[];
}

/** Round r starts at target r, so no target always runs first (or always right after another). */
function roundOrder<Item>(items: readonly Item[], round: number): Item[] {
  const start = round % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function measureRun(target: ServedTarget, settings: BenchSettings): Promise<RunResult> {
  const cpuBefore = await target.server.cpuTimeMicroseconds();
  const result = await runLoad(target, { connections: settings.connections, durationSeconds: settings.durationSeconds, signal: settings.signal });
  settings.signal.throwIfAborted();
  const cpuAfter = await target.server.cpuTimeMicroseconds();
  return { ...result, serverCpuMicrosecondsPerRequest: (cpuAfter - cpuBefore) / Math.max(result.requests, 1) };
}

/**
 * Warms every target up, then measures them in interleaved rounds. The machine is shared and
 * noisy: interleaving spreads drift over all targets instead of letting it favour one.
 */
export async function measureTargets<Target extends ServedTarget>(
  targets: readonly Target[],
  settings: BenchSettings,
): Promise<TargetMeasurement<Target>[]> {
  for (const target of targets) {
    log(`  warm-up ${target.name} (${settings.warmupSeconds} s)`);
    await runLoad(target, { connections: settings.connections, durationSeconds: settings.warmupSeconds, signal: settings.signal });
    settings.signal.throwIfAborted();
  }
  const runs = new Map<Target, RunResult[]>(targets.map((target) => [target, []]));
  for (let round = 0; round < settings.rounds; round++) {
    for (const target of roundOrder(targets, round)) {
      const result = await measureRun(target, settings);
      runs.get(target)?.push(result);
      log(
        `  round ${round + 1}/${settings.rounds} ${target.name}: ${Math.round(result.requestsPerSecond)} req/s, ` +
          `server ${Math.round(result.serverCpuMicrosecondsPerRequest)} µs CPU/request`,
      );
    }
  }
  return targets.map((target) => ({ target, runs: runs.get(target) ?? [] }));
}

export interface MeasurementSummary {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  serverCpuMicrosecondsPerRequest: number;
  errors: number;
  non2xx: number;
}

/** Medians of the rounds; failures are summed, since a single failed request matters. */
export function summarize({ runs }: TargetMeasurement): MeasurementSummary {
  const medianOf = (pick: (run: RunResult) => number) => median(runs.map(pick));
  return {
    requestsPerSecond: medianOf((run) => run.requestsPerSecond),
    latencyP50Ms: medianOf((run) => run.latencyP50Ms),
    latencyP99Ms: medianOf((run) => run.latencyP99Ms),
    serverCpuMicrosecondsPerRequest: medianOf((run) => run.serverCpuMicrosecondsPerRequest),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
  };
}

/** Median of the per-round ratios of req/s: each round compares targets measured moments apart. */
export function medianRatio(measured: TargetMeasurement, baseline: TargetMeasurement): number {
  const ratios = measured.runs.map((run, round) => run.requestsPerSecond / (baseline.runs[round]?.requestsPerSecond ?? Number.NaN));
  return median(ratios);
}
