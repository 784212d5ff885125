import type { BenchSettings } from "./settings.js";
import type { Table } from "./table.js";

/**
 * A pass/fail statement printed under a suite's table. A failed `correctness` check (errors,
 * wrong answers) fails the run; a missed `target` is reported but does not, because a shared
 * machine's noise alone can move a ratio across its line.
 */
export interface Check {
  kind: "correctness" | "target";
  description: string;
  passed: boolean;
}

export interface SuiteReport {
  table: Table;
  checks: Check[];
  /** Free-form lines printed after the checks (how to read the numbers, where profiles went). */
  notes: string[];
}

/** One benchmark: sets up what it needs, measures, tears everything down, reports. */
export interface Suite {
  name: string;
  summary: string;
  run(settings: BenchSettings): Promise<SuiteReport>;
}
