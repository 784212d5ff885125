/** A file a tool made that the chat can show (a chart); `path` is in the project's workspace. */
export interface ToolAttachment {
  path: string;
  mediaType: string;
}

/**
 * Where a call stands. `approved` is a dangerous call the user let through that is now running;
 * the last three are final.
 */
export type ToolCallPhase = "running" | "awaiting_approval" | "approved" | "completed" | "failed" | "rejected";

export type ApprovalDecision = "approved" | "rejected";

/** Why an approval ended: the user's click, the deadline, or the turn being stopped. */
export type ApprovalEndReason = "user" | "approval_timeout" | "cancelled";

/** One tool call as the chat shows it, whether folded from live events or read from a stored `tool` message. */
export interface ToolCallView {
  toolCallId: string;
  toolName: string;
  /** The agent that made the call; null when a stored message does not say. */
  agentId: string | null;
  /** The direct answer the call belongs to; null inside plan tasks. */
  messageId: string | null;
  planId: string | null;
  taskId: string | null;
  /** The validated arguments, as the server recorded them; undefined until an event carrying them arrives. */
  input: unknown;
  phase: ToolCallPhase;
  /** What the model got back; set once the call ends. */
  output: string | undefined;
  attachments: readonly ToolAttachment[];
  durationMilliseconds: number | undefined;
  /** Set while (and after) a dangerous call waits for the user. */
  approval: { reason: string; expiresAt: string } | undefined;
  decision: { decision: ApprovalDecision; reason: ApprovalEndReason } | undefined;
}

export function isToolCallFinished(phase: ToolCallPhase): boolean {
  return phase === "completed" || phase === "failed" || phase === "rejected";
}

/** The status a person reads: a rejection says whose it was. */
export function toolCallStatusLabel(call: Pick<ToolCallView, "phase" | "decision">): string {
  switch (call.phase) {
    case "running":
      return "Running";
    case "awaiting_approval":
      return "Waiting for approval";
    case "approved":
      return "Approved · running";
    case "completed":
      return "Completed";
    case "failed":
      return "Failed";
    case "rejected":
      if (call.decision?.reason === "approval_timeout") return "Expired";
      if (call.decision?.reason === "cancelled") return "Cancelled";
      return "Rejected";
  }
}
