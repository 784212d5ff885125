import type { PlanActuals } from "../../events/event-map.js";

/** What one task spent, as its row stores it (null until it completed). */
export interface TaskSpend {
  actualCost: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
}

/** Spending outside the tasks, such as the call that combines the final results. */
export interface ExtraSpend {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** The plan's actuals: what its tasks (and any extra call) spent, and its wall time. */
export function planActuals(tasks: readonly TaskSpend[], durationMilliseconds: number, extra?: ExtraSpend | null): PlanActuals {
  const total = (field: keyof TaskSpend) => tasks.reduce((sum, task) => sum + (task[field] ?? 0), 0);
  return {
    usage: {
      promptTokens: total("promptTokens") + (extra?.promptTokens ?? 0),
      completionTokens: total("completionTokens") + (extra?.completionTokens ?? 0),
    },
    costUsd: total("actualCost") + (extra?.costUsd ?? 0),
    durationMilliseconds,
  };
}

/** The plan columns the actuals are stored in, beside the estimates. */
export function actualColumns(actual: PlanActuals) {
  return {
    totalActualCost: actual.costUsd,
    totalActualDuration: actual.durationMilliseconds,
    actualPromptTokens: actual.usage.promptTokens,
    actualCompletionTokens: actual.usage.completionTokens,
  };
}

/** Milliseconds from the plan's start; 0 for a plan that never started. */
export function elapsedSince(startedAt: Date | null, endedAt: Date): number {
  return startedAt ? endedAt.getTime() - startedAt.getTime() : 0;
}
