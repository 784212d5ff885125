import { Counter, collectDefaultMetrics, Histogram, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  projectCreations: Counter;
  agentExecutions: Counter<"agent_id" | "status">;
  agentExecutionSeconds: Histogram<"agent_id">;
  memorySearchSeconds: Histogram<"agent_id">;
  llmTokens: Counter<"model" | "kind">;
  llmCostDollars: Counter<"model">;
  planApprovals: Counter<"outcome">;
  /** Plans by the status they ended with (completed, failed, partial_success, cancelled). */
  planOutcomes: Counter<"status">;
  /** Actual cost of a finished plan divided by its estimate: how far estimates are off. */
  planCostRatio: Histogram;
  /** From a task becoming ready to its start: time spent behind the per-plan and per-user limits. */
  taskQueueWaitSeconds: Histogram;
  /** Tool calls by tool and how they ended: completed, failed, rejected. */
  toolCalls: Counter<"tool" | "status">;
  toolSeconds: Histogram<"tool">;
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
    planApprovals: new Counter({
      name: "plan_approval_outcomes_total",
      help: "Decisions on plans that waited for approval: approved, rejected (by the user) or expired.",
      labelNames: ["outcome"],
      registers,
    }),
    planOutcomes: new Counter({
      name: "plans_finished_total",
      help: "Plans by final status.",
      labelNames: ["status"],
      registers,
    }),
    planCostRatio: new Histogram({
      name: "plan_cost_actual_to_estimate_ratio",
      help: "Actual cost of a finished plan divided by its estimated cost.",
      buckets: [0.25, 0.5, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 2, 4],
      registers,
    }),
    taskQueueWaitSeconds: new Histogram({
      name: "plan_task_queue_wait_seconds",
      help: "Time a ready plan task waited for a free slot under the per-plan and per-user limits.",
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
      registers,
    }),
    toolCalls: new Counter({
      name: "agent_tool_calls_total",
      help: "Tool calls agents made, by tool and outcome (completed, failed, rejected).",
      labelNames: ["tool", "status"],
      registers,
    }),
    toolSeconds: new Histogram({
      name: "agent_tool_duration_seconds",
      help: "Time a tool took to run, approval wait excluded.",
      labelNames: ["tool"],
      buckets: [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30],
      registers,
    }),
  };
}
