import type { LlmClient } from "@codelab/core";

/** Where a run's time went besides the model: the same split for every executor, measured at the model client they share. */
export interface RunPhases {
  /** From the start of the run to its first model call. */
  beforeFirstCallMs: number;
  /** Mean time from a call's request to its complete answer: above the model's latency when the process is busy as answers arrive. */
  meanCallMs: number;
  /** From the last answer to the end of the run. */
  afterLastCallMs: number;
}

export interface RecordedCalls {
  /** Hand this to every executor. */
  llm: LlmClient;
  /** Forgets earlier calls; call it right before a timed run. */
  reset(): void;
  /** The phases of the run since `reset`, given when it started and ended. */
  phases(startedAt: number, endedAt: number): RunPhases;
}

export function recordCalls(llm: LlmClient): RecordedCalls {
  let calls: Array<{ startedAt: number; endedAt: number }> = [];
  return {
    llm: {
      async complete(request, options) {
        const call = { startedAt: performance.now(), endedAt: Number.NaN };
        calls.push(call);
        try {
          return await llm.complete(request, options);
        } finally {
          call.endedAt = performance.now();
        }
      },
    },
    reset() {
      calls = [];
    },
    phases(startedAt, endedAt) {
      if (calls.length === 0) throw new Error("the run made no model call");
      return {
        beforeFirstCallMs: Math.min(...calls.map((call) => call.startedAt)) - startedAt,
        meanCallMs: calls.reduce((sum, call) => sum + call.endedAt - call.startedAt, 0) / calls.length,
        afterLastCallMs: endedAt - Math.max(...calls.map((call) => call.endedAt)),
      };
    },
  };
}
