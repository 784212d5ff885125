import type { EventScope } from "../../events/event-bus.js";
import type { ToolApprovalGate } from "../tool-approval-gate.js";
import { createUserApprovalGate, type UserApprovalGateDependencies } from "./user-approval-gate.js";

export interface PlanApprovalGateOptions {
  scope: EventScope;
  planId: string;
  taskId: string;
  agentId: string;
  timeoutSeconds: number;
}

/**
 * Inside a plan: a plan the user approved (a plan whose agents hold dangerous tools always asks)
 * covers its dangerous calls; a plan that ran without asking — an agent gained the tool after
 * planning — asks for the call itself, like direct mode.
 */
export function createPlanApprovalGate(deps: UserApprovalGateDependencies, options: PlanApprovalGateOptions): ToolApprovalGate {
  const { scope, planId, taskId, agentId, timeoutSeconds } = options;
  const askUser = createUserApprovalGate(deps, { scope, subject: { agentId, messageId: null, planId, taskId }, timeoutSeconds });
  return {
    async decide(question, signal) {
      const approvedByUser = await deps.db.taskPlan.count({ where: { id: planId, userId: scope.userId, requiresApproval: true } });
      return approvedByUser > 0 ? "approved" : askUser.decide(question, signal);
    },
  };
}
