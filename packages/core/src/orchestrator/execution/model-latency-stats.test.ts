import { describe, expect, it } from "vitest";
import { summarizeLatencies } from "./model-latency-stats.js";

describe("summarizeLatencies", () => {
  it("gives each model its count, mean, sum of squared deviations and mean output tokens, models in order", () => {
    const summaries = summarizeLatencies([
      { model: "b", latencyMilliseconds: 100, outputTokens: 10 },
      { model: "a", latencyMilliseconds: 5, outputTokens: 1 },
      { model: "b", latencyMilliseconds: 300, outputTokens: 30 },
      { model: "b", latencyMilliseconds: 200, outputTokens: 20 },
    ]);
    expect(summaries).toEqual([
      { model: "a", count: 1, meanMs: 5, m2: 0, meanOutputTokens: 1 },
      { model: "b", count: 3, meanMs: 200, m2: 20_000, meanOutputTokens: 20 },
    ]);
  });
});
