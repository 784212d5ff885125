import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  projectCreations: Counter;
  agentExecutions: Counter<"agent_id" | "status">;
  agentExecutionSeconds: Histogram<"agent_id">;
  memorySearchSeconds: Histogram<"agent_id">;
  llmTokens: Counter<"model" | "kind">;
  llmCostDollars: Counter<"model">;
}

/**
 * One registry per server instance, so several instances in one process (tests) never collide.
 * No metric is labelled by user id: an unbounded label set grows Prometheus' series without limit.
 * Agent ids are labels because the documented dashboards need them; they are bounded by the agents users create.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    projectCreations: new Counter({
      name: "project_creations_total",
      help: "Projects created, starter pack included.",
      registers,
    }),
    agentExecutions: new Counter({
      name: "agent_executions_total",
      help: "Agent runs by outcome (success, error, cancelled).",
      labelNames: ["agent_id", "status"],
      registers,
    }),
    agentExecutionSeconds: new Histogram({
      name: "agent_execution_seconds",
      help: "Wall time of an agent run, memory and model included.",
      labelNames: ["agent_id"],
      buckets: [0.5, 1, 2, 5, 10],
      registers,
    }),
    // The documented name predates the embedded store; it measures memory search on whichever store is in use.
    memorySearchSeconds: new Histogram({
      name: "qdrant_search_latency_seconds",
      help: "Agent memory search latency, embedding excluded.",
      labelNames: ["agent_id"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers,
    }),
    llmTokens: new Counter({
      name: "llm_tokens_total",
      help: "Tokens sent to and received from language models.",
      labelNames: ["model", "kind"],
      registers,
    }),
    llmCostDollars: new Counter({
      name: "llm_cost_dollars_total",
      help: "Estimated spend on language models, from the pricing table.",
      labelNames: ["model"],
      registers,
    }),
  };
}
