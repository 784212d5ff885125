import { Prisma } from "@codelab/db";
import { readTaskModel } from "./task-result.js";

export interface LatencyObservation {
  model: string;
  latencyMilliseconds: number;
  outputTokens: number;
}

/** A task row as far as the statistics need it. */
export interface ObservedTask {
  status: string;
  result: Prisma.JsonValue | null;
  actualDuration: number | null;
  completionTokens: number | null;
}

/** What the plan's completed tasks observed of their models. */
export function observedLatencies(tasks: readonly ObservedTask[]): LatencyObservation[] {
  return tasks.flatMap((task) => {
    const model = readTaskModel(task.result);
    if (task.status !== "completed" || !model || task.actualDuration === null) return [];
    return [{ model, latencyMilliseconds: task.actualDuration, outputTokens: task.completionTokens ?? 0 }];
  });
}

/** One model's observations summarized: count, mean latency, sum of squared deviations (m2), mean output tokens. */
export interface LatencySummary {
  model: string;
  count: number;
  meanMs: number;
  m2: number;
  meanOutputTokens: number;
}

/** Per model, in model order (the order rows are locked in, so concurrent plans never deadlock). */
export function summarizeLatencies(observations: readonly LatencyObservation[]): LatencySummary[] {
  const byModel = new Map<string, LatencyObservation[]>();
  for (const observation of observations) byModel.set(observation.model, [...(byModel.get(observation.model) ?? []), observation]);
  return [...byModel.entries()]
    .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0))
    .map(([model, group]) => {
      const meanMs = group.reduce((sum, observation) => sum + observation.latencyMilliseconds, 0) / group.length;
      return {
        model,
        count: group.length,
        meanMs,
        m2: group.reduce((sum, observation) => sum + (observation.latencyMilliseconds - meanMs) ** 2, 0),
        meanOutputTokens: group.reduce((sum, observation) => sum + observation.outputTokens, 0) / group.length,
      };
    });
}

/**
 * The statement that merges summaries into each model's running statistics; `guard` (a WHERE
 * clause) lets a caller make it part of a larger statement that applies only under a condition.
 * Chan et al.'s parallel form of Welford's update, so concurrent plans lose nothing: with
 * δ = mean_b − mean_a and n = n_a + n_b, mean = mean_a + δ·n_b/n and m2 = m2_a + m2_b + δ²·n_a·n_b/n.
 * Rows come in model order, the order they are locked in, so concurrent plans never deadlock.
 */
export function mergeLatenciesSql(summaries: readonly LatencySummary[], guard: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const rows = summaries.map(
    ({ model, count, meanMs, m2, meanOutputTokens }) => Prisma.sql`(${model}::text, ${count}::int, ${meanMs}::float8, ${m2}::float8, ${meanOutputTokens}::float8)`,
  );
  return Prisma.sql`
    INSERT INTO model_latency_stats AS stat (model, count, mean_ms, m2, mean_output_tokens, updated_at)
    SELECT summary.model, summary.count, summary.mean_ms, summary.m2, summary.mean_output_tokens, now()
    FROM (VALUES ${Prisma.join(rows)}) AS summary (model, count, mean_ms, m2, mean_output_tokens)
    ${guard}
    ON CONFLICT (model) DO UPDATE SET
      count = stat.count + EXCLUDED.count,
      mean_ms = stat.mean_ms + (EXCLUDED.mean_ms - stat.mean_ms) * EXCLUDED.count::float8 / (stat.count + EXCLUDED.count),
      m2 = stat.m2 + EXCLUDED.m2
        + (EXCLUDED.mean_ms - stat.mean_ms) ^ 2 * stat.count::float8 * EXCLUDED.count::float8 / (stat.count + EXCLUDED.count),
      mean_output_tokens = stat.mean_output_tokens
        + (EXCLUDED.mean_output_tokens - stat.mean_output_tokens) * EXCLUDED.count::float8 / (stat.count + EXCLUDED.count),
      updated_at = now()`;
}

/**
 * Merges a finished plan's observations into each model's running statistics, once per plan
 * rather than once per task so completing tasks never queue on a shared row.
 */
export async function recordModelLatencies(transaction: Prisma.TransactionClient, observations: readonly LatencyObservation[]): Promise<void> {
  const summaries = summarizeLatencies(observations);
  if (summaries.length > 0) await transaction.$executeRaw(mergeLatenciesSql(summaries));
}
