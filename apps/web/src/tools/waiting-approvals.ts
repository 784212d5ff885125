import type { RouterOutputs } from "@codelab/sdk";
import type { ToolCallView } from "./tool-call-types.js";

export type ToolCallRecord = RouterOutputs["toolCalls"]["list"]["toolCalls"][number];


/**
 * A call found waiting in the audit trail (the page was opened or reloaded after its approval
 * request went out, so the stream will not repeat it). Anything else in the list is not shown this way.
 */
export function waitingCallFromRecord(record: ToolCallRecord): ToolCallView | undefined {
  if (record.status !== "awaiting_approval" || record.approvalExpiresAt === null) return undefined;
  return {
    toolCallId: record.id,
    toolName: record.tool,
    agentId: record.agentId,
    messageId: record.messageId,
    planId: record.planId,
    taskId: record.taskId,
    input: record.arguments,
    phase: "awaiting_approval",
    output: undefined,
    attachments: [],
    durationMilliseconds: undefined,
    // The record keeps only that the call waits, not the request's reason; only dangerous (code-running) tools wait.
    approval: { reason: `${record.tool} runs code on your behalf`, expiresAt: record.approvalExpiresAt },
    decision: undefined,
  };
}

/** The live calls, then the fetched waiting ones the stream has not mentioned: live state is always newer. */
export function withWaitingCalls(live: readonly ToolCallView[], records: readonly ToolCallRecord[]): readonly ToolCallView[] {
  const seen = new Set(live.map((call) => call.toolCallId));
  const waiting = records.flatMap((record) => {
    const call = seen.has(record.id) ? undefined : waitingCallFromRecord(record);
    return call ? [call] : [];
  });
  return waiting.length === 0 ? live : [...live, ...waiting];
}
