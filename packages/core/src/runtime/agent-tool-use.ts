import type { ToolApprovalGate } from "../tools/tool-approval-gate.js";

/** Where an agent's tool calls belong and who approves the dangerous ones: given by the caller, never by the model. */
export interface AgentToolUse {
  agentName: string;
  sessionId: string | null;
  planId: string | null;
  taskId: string | null;
  /** Direct mode: the assistant message being generated. */
  messageId: string | null;
  approval: ToolApprovalGate;
}
