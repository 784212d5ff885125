/** How hard and how long every suite measures; chosen on the command line. */
export interface BenchSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  /** When set, server children write CPU profiles here. */
  cpuProfileDirectory: string | undefined;
  /** Aborted on Ctrl-C: suites stop measuring and still tear down what they started. */
  signal: AbortSignal;
}
