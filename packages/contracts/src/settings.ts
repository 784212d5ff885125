import { z } from "zod";

const dollars = z.number().min(0).max(1_000_000);

/** Plans estimated above `approvalThresholdUsd` wait for approval; `dailyBudgetUsd` (null: none) caps spend per UTC day. */
export const userSettingsOutput = z.object({ approvalThresholdUsd: z.number(), dailyBudgetUsd: z.number().nullable() });

export const updateUserSettingsInput = z.strictObject({ approvalThresholdUsd: dollars.optional(), dailyBudgetUsd: dollars.nullable().optional() });

export type UpdateUserSettingsInput = z.input<typeof updateUserSettingsInput>;
