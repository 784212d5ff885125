import type { ChatDependencies } from "../../chat/send-direct-message.js";
import type { PlanCache } from "../plan-cache/plan-cache.js";
import type { PlanExecutor } from "../plan-executor.js";
import type { PlanEventPublisher } from "../outbox/plan-event-publisher.js";

export interface OrchestratorSettings {
  /** The model that turns requests into plans. */
  plannerModel: string;
  /** How long a plan waits for approval before it is rejected with `approval_timeout`. */
  approvalTimeoutSeconds: number;
}

/** What planning, approving and listing plans need, on top of what chatting needs. */
export type OrchestratorDependencies = ChatDependencies & {
  planExecutor: PlanExecutor;
  planCache: PlanCache;
  planEvents: PlanEventPublisher;
  orchestrator: OrchestratorSettings;
};
