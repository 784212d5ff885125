/** What a day cost, in tokens and dollars. */
export interface DailyUsage {
  /** The local calendar day, `YYYY-MM-DD`. */
  day: string;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

export interface MessageSpend {
  role: string;
  planId: string | null;
  createdAt: string;
  promptTokens: number | null;
  completionTokens: number | null;
  cost: number | null;
}

export interface PlanSpend {
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  actual: { promptTokens: number | null; completionTokens: number | null; costUsd: number | null };
}

export function dayKey(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, "0");
  const day = String(date.getDate()).padStart(2, "0");
  return `${date.getFullYear()}-${month}-${day}`;
}

/** The `count` days up to and including `today`, oldest first. */
export function lastDays(today: Date, count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() - (count - 1 - index));
    return dayKey(date);
  });
}

/**
 * Spend per day over `days`. A plan's answer message is left out because the plan's actuals
 * already include the call that wrote it; the asking message carries the planning calls, which
 * the plan's actuals do not.
 */
export function aggregateUsage(days: readonly string[], messages: readonly MessageSpend[], plans: readonly PlanSpend[]): DailyUsage[] {
  const totals = new Map(days.map((day) => [day, { day, promptTokens: 0, completionTokens: 0, costUsd: 0 }]));
  const add = (at: string, promptTokens: number | null, completionTokens: number | null, costUsd: number | null) => {
    const total = totals.get(dayKey(new Date(at)));
    if (!total) return;
    total.promptTokens += promptTokens ?? 0;
    total.completionTokens += completionTokens ?? 0;
    total.costUsd += costUsd ?? 0;
  };
  for (const message of messages) {
    if (message.role === "assistant" && message.planId !== null) continue;
    add(message.createdAt, message.promptTokens, message.completionTokens, message.cost);
  }
  for (const plan of plans) {
    add(plan.completedAt ?? plan.startedAt ?? plan.createdAt, plan.actual.promptTokens, plan.actual.completionTokens, plan.actual.costUsd);
  }
  return [...totals.values()];
}
