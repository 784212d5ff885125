import { describe, expect, it } from "vitest";
import type { AgentConfig } from "@codelab/contracts";
import { createFixedClock } from "../../testing/fixed-clock.js";
import { createMemoryPlanCache } from "./memory-plan-cache.js";
import { planCacheKey } from "./plan-cache-key.js";

const config: AgentConfig = { systemPrompt: "Write.", model: "m", tools: [], temperature: 0.7, maxTokens: 100, metadata: { role: "writer", team: "docs" } };
const agents = [
  { name: "Writer", config },
  { name: "Coder", config: { ...config, tools: ["code_executor" as const] } },
];
const graph = { tasks: [{ taskId: "t1", description: "Write", agent: "Writer", dependencies: [], expectedOutput: "" }] };

describe("planCacheKey", () => {
  it("is the same for requests that differ in case, spacing or a closing full stop, and for any agent order", () => {
    const key = planCacheKey({ userId: "u", request: "Write the  README.", agents });

    expect(planCacheKey({ userId: "u", request: "  write the readme ", agents: [...agents].reverse() })).toBe(key);
    expect(planCacheKey({ userId: "u", request: "Write the README", agents: [agents[0]!, { ...agents[1]!, config: { ...config, tools: ["code_executor"], metadata: { team: "docs", role: "writer" } } }] })).toBe(key);
  });

  it("changes with the request, the user, or any agent's name or configuration", () => {
    const key = planCacheKey({ userId: "u", request: "Write the README", agents });

    expect(planCacheKey({ userId: "u", request: "Write the CHANGELOG", agents })).not.toBe(key);
    expect(planCacheKey({ userId: "other", request: "Write the README", agents })).not.toBe(key);
    expect(planCacheKey({ userId: "u", request: "Write the README", agents: [agents[0]!, { ...agents[1]!, name: "Developer" }] })).not.toBe(key);
    expect(planCacheKey({ userId: "u", request: "Write the README", agents: [agents[0]!, { ...agents[1]!, config: { ...config, temperature: 0.2 } }] })).not.toBe(key);
    expect(planCacheKey({ userId: "u", request: "Write the README", agents: agents.slice(0, 1) })).not.toBe(key);
  });
});

describe("the in-process plan cache", () => {
  it("returns an entry until its time to live has passed", async () => {
    const clock = createFixedClock();
    const cache = createMemoryPlanCache({ clock, ttlSeconds: 60 });
    await cache.set("key", graph);

    clock.advance(59_999);
    expect(await cache.get("key")).toEqual(graph);
    clock.advance(1);
    expect(await cache.get("key")).toBeUndefined();
  });

  it("keeps at most its capacity, dropping the oldest entry first", async () => {
    const cache = createMemoryPlanCache({ clock: createFixedClock(), maxEntries: 2 });
    for (const key of ["a", "b", "c"]) await cache.set(key, graph);

    expect([await cache.get("a"), await cache.get("b"), await cache.get("c")].map(Boolean)).toEqual([false, true, true]);
  });
});
