import { Counter, collectDefaultMetrics, Registry } from "prom-client";

export interface Metrics {
  registry: Registry;
  projectCreations: Counter;
}

/**
 * One registry per server instance, so several instances in one process (tests) never collide.
 * No metric is labelled by user id: an unbounded label set grows Prometheus' series without limit.
 */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    projectCreations: new Counter({
      name: "project_creations_total",
      help: "Projects created, starter pack included.",
      registers: [registry],
    }),
  };
}
