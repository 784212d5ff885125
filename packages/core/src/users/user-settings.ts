import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";

export interface UserSettings {
  approvalThresholdUsd: number;
  dailyBudgetUsd: number | null;
}

const settingsSelect = { approvalThresholdUsd: true, dailyBudgetUsd: true } as const;

export async function getUserSettings({ db }: { db: Database }, { userId }: { userId: string }): Promise<UserSettings> {
  const settings = await db.user.findUnique({ where: { id: userId }, select: settingsSelect });
  if (!settings) throw new AppError("NOT_FOUND", "User not found");
  return settings;
}

/** Changes only the settings given; `dailyBudgetUsd: null` removes the cap. */
export async function updateUserSettings(
  { db }: { db: Database },
  { userId, ...changes }: { userId: string; approvalThresholdUsd?: number | undefined; dailyBudgetUsd?: number | null | undefined },
): Promise<UserSettings> {
  const data = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  const { count } = await db.user.updateMany({ where: { id: userId }, data });
  if (count === 0) throw new AppError("NOT_FOUND", "User not found");
  return getUserSettings({ db }, { userId });
}
