import type { Database } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { Clock } from "../../ports/clock.js";
import { formatUsd } from "../approval/approval-rule.js";

const roundUsd = (amount: number) => Math.round(amount * 1_000_000) / 1_000_000;

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Today's spend (UTC) that counts against the cap: what messages cost (direct answers, planning
 * calls), what plan tasks finished today cost, and the estimates of tasks still to run in
 * executing plans, which are as good as spent.
 */
export async function spentToday({ db, clock }: { db: Database; clock: Clock }, { userId }: { userId: string }): Promise<number> {
  const since = startOfUtcDay(clock.now());
  const [messages, finishedTasks, reservedTasks] = await Promise.all([
    db.message.aggregate({ where: { userId, createdAt: { gte: since } }, _sum: { cost: true } }),
    db.taskPlanTask.aggregate({ where: { plan: { userId }, completedAt: { gte: since } }, _sum: { actualCost: true } }),
    db.taskPlanTask.aggregate({
      where: { plan: { userId, status: "executing" }, status: { in: ["pending", "running"] } },
      _sum: { estimatedCost: true },
    }),
  ]);
  return (messages._sum.cost ?? 0) + (finishedTasks._sum.actualCost ?? 0) + (reservedTasks._sum.estimatedCost ?? 0);
}

export interface DailyBudgetCheck {
  userId: string;
  estimatedCostUsd: number | (() => Promise<number>);
  /**
   * The user's cap when the caller read it already (null: no cap), e.g. with the row it looked up
   * anyway; left out, it is read here.
   */
  dailyBudgetUsd?: number | null;
}

/**
 * Refuses work whose estimate would take the user past their daily cap, before any model is
 * called. Users without a cap are never refused, and neither today's spend nor the estimate is
 * computed for them.
 */
export async function assertWithinDailyBudget(deps: { db: Database; clock: Clock }, check: DailyBudgetCheck): Promise<void> {
  const { userId, estimatedCostUsd: estimate } = check;
  const budget =
    check.dailyBudgetUsd !== undefined
      ? check.dailyBudgetUsd
      : (await deps.db.user.findUnique({ where: { id: userId }, select: { dailyBudgetUsd: true } }))?.dailyBudgetUsd;
  if (budget === null || budget === undefined) return;
  const [spent, estimatedCostUsd] = await Promise.all([spentToday(deps, { userId }), typeof estimate === "number" ? estimate : estimate()]);
  if (spent + estimatedCostUsd <= budget) return;
  const resetsAt = new Date(startOfUtcDay(deps.clock.now()).getTime() + 24 * 60 * 60 * 1000);
  throw new AppError(
    "BUDGET_EXCEEDED",
    `This would exceed your daily budget of ${formatUsd(budget)}: ${formatUsd(spent)} spent or committed today, about ${formatUsd(estimatedCostUsd)} more needed.`,
    {
      details: {
        dailyBudgetUsd: budget,
        spentTodayUsd: roundUsd(spent),
        estimatedCostUsd: roundUsd(estimatedCostUsd),
        remainingUsd: roundUsd(Math.max(0, budget - spent)),
        resetsAt: resetsAt.toISOString(),
      },
    },
  );
}
