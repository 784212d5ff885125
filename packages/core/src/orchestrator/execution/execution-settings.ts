import type { ChatDependencies } from "../../chat/send-direct-message.js";
import type { PlanEventPublisher } from "../outbox/plan-event-publisher.js";

/** What running plans needs: what a direct chat needs, and the process's one publisher of recorded plan events. */
export type ExecutionDependencies = ChatDependencies & { planEvents: PlanEventPublisher };

export interface ExecutionSettings {
  /** Tasks of one plan running at once. */
  maxParallelTasksPerPlan: number;
  /** Tasks of one user's plans running at once in this process, however many plans they run. */
  maxParallelTasksPerUser: number;
  /**
   * How often a running plan checks whether it was cancelled elsewhere (by another server
   * instance): a cancel reaching this process aborts at once; one reaching another within this.
   */
  cancelCheckMilliseconds: number;
  /** How long to wait before resuming a plan whose run stopped on an infrastructure error (a lost database connection). */
  resumeDelayMilliseconds: number;
  /** The model that combines several final results into one answer. */
  synthesisModel: string;
}

export const defaultExecutionSettings: Omit<ExecutionSettings, "synthesisModel"> = {
  maxParallelTasksPerPlan: 8,
  maxParallelTasksPerUser: 16,
  cancelCheckMilliseconds: 500,
  resumeDelayMilliseconds: 5_000,
};
