import { describe, expect, it } from "vitest";
import { aggregateUsage, dayKey, lastDays, type MessageSpend } from "./aggregate-usage.js";

const at = (day: number, hour = 12) => new Date(2026, 0, day, hour).toISOString();

function message(overrides: Partial<MessageSpend>): MessageSpend {
  return { role: "assistant", planId: null, createdAt: at(2), promptTokens: 10, completionTokens: 20, cost: 0.01, ...overrides };
}

describe("lastDays", () => {
  it("lists the days up to today, oldest first, across a month boundary", () => {
    expect(lastDays(new Date(2026, 2, 2, 15), 3)).toEqual(["2026-02-28", "2026-03-01", "2026-03-02"]);
  });
});

describe("aggregateUsage", () => {
  const days = ["2026-01-01", "2026-01-02", "2026-01-03"];

  it("adds up each day's messages and keeps empty days at zero", () => {
    const usage = aggregateUsage(days, [message({}), message({ createdAt: at(2, 18) }), message({ role: "user", promptTokens: null, completionTokens: null, cost: null })], []);
    expect(usage).toEqual([
      { day: "2026-01-01", promptTokens: 0, completionTokens: 0, costUsd: 0 },
      { day: "2026-01-02", promptTokens: 20, completionTokens: 40, costUsd: 0.02 },
      { day: "2026-01-03", promptTokens: 0, completionTokens: 0, costUsd: 0 },
    ]);
  });

  it("counts a plan once: its actuals and its planning calls, not its answer message again", () => {
    const planId = "p1";
    const usage = aggregateUsage(
      days,
      [message({ role: "user", planId, cost: 0.002, promptTokens: 5, completionTokens: 5 }), message({ planId, cost: 0.004 })],
      [{ createdAt: at(3), startedAt: at(3), completedAt: at(3), actual: { promptTokens: 100, completionTokens: 50, costUsd: 0.05 } }],
    );
    expect(usage[1]).toEqual({ day: "2026-01-02", promptTokens: 5, completionTokens: 5, costUsd: 0.002 });
    expect(usage[2]).toEqual({ day: "2026-01-03", promptTokens: 100, completionTokens: 50, costUsd: 0.05 });
  });

  it("leaves out spend outside the period", () => {
    expect(aggregateUsage(days, [message({ createdAt: at(9) })], []).every((day) => day.costUsd === 0)).toBe(true);
  });
});

describe("dayKey", () => {
  it("uses the local calendar day", () => {
    expect(dayKey(new Date(2026, 11, 31, 23, 59))).toBe("2026-12-31");
  });
});
