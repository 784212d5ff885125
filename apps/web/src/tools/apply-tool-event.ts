import type { EventOfType, SessionEvent } from "../chat/chat-types.js";
import type { ApprovalDecision, ApprovalEndReason, ToolCallPhase, ToolCallView } from "./tool-call-types.js";

type ToolEvent = EventOfType<"tool-start" | "tool-end" | "tool-approval-request" | "tool-approval-end">;

const isToolEvent = (event: SessionEvent): event is ToolEvent => event.type.startsWith("tool-");

const phaseRank: Record<ToolCallPhase, number> = { running: 0, awaiting_approval: 1, approved: 2, completed: 3, failed: 3, rejected: 3 };

/** Phases only move forward, so an event applied twice, or after the state it led to, changes nothing. */
function advance(call: ToolCallView, phase: ToolCallPhase): ToolCallView {
  return phaseRank[phase] > phaseRank[call.phase] ? { ...call, phase } : call;
}

function opened(payload: ToolEvent["payload"]): ToolCallView {
  const { toolCallId, toolName, agentId, messageId, planId, taskId } = payload;
  return {
    toolCallId,
    toolName,
    agentId,
    messageId,
    planId,
    taskId,
    input: undefined,
    phase: "running",
    output: undefined,
    attachments: [],
    durationMilliseconds: undefined,
    approval: undefined,
    decision: undefined,
  };
}

function update(calls: readonly ToolCallView[], payload: ToolEvent["payload"], change: (call: ToolCallView) => ToolCallView): readonly ToolCallView[] {
  const index = calls.findIndex((call) => call.toolCallId === payload.toolCallId);
  if (index === -1) return [...calls, change(opened(payload))];
  const changed = change(calls[index]!);
  return changed === calls[index] ? calls : calls.with(index, changed);
}

const withInput = (call: ToolCallView, input: unknown): ToolCallView => (call.input === undefined ? { ...call, input } : call);

function decided(call: ToolCallView, decision: ApprovalDecision, reason: ApprovalEndReason): ToolCallView {
  const next = advance(call, decision === "approved" ? "approved" : "rejected");
  return next === call ? call : { ...next, decision: { decision, reason } };
}

/**
 * Folds one session event into the tool calls on screen, in the order they were first seen. A call
 * whose start was missed (the page subscribed mid-turn) is opened by whichever event comes first;
 * events of other kinds leave the list as it is.
 */
export function applyToolEvent(calls: readonly ToolCallView[], event: SessionEvent): readonly ToolCallView[] {
  if (!isToolEvent(event)) return calls;
  switch (event.type) {
    case "tool-start":
      return update(calls, event.payload, (call) => withInput(call, event.payload.input));
    case "tool-approval-request": {
      const { input, reason, expiresAt } = event.payload;
      return update(calls, event.payload, (call) => {
        const next = advance(call, "awaiting_approval");
        return next === call ? call : withInput({ ...next, approval: { reason, expiresAt } }, input);
      });
    }
    case "tool-approval-end":
      return update(calls, event.payload, (call) => decided(call, event.payload.decision, event.payload.reason));
    case "tool-end": {
      const { status, output, attachments, latencyMilliseconds } = event.payload;
      return update(calls, event.payload, (call) => {
        const next = advance(call, status);
        // A refused approval already made the call final; its end still brings the text the model got.
        if (next === call && call.output !== undefined) return call;
        const text = typeof output === "string" ? output : JSON.stringify(output, null, 2);
        return { ...next, output: text, attachments, durationMilliseconds: latencyMilliseconds };
      });
    }
  }
}

/**
 * The user's own answer, applied as soon as the server accepted it rather than when its event
 * arrives. `known` opens the call when only a fetched list (not the stream) had it.
 */
export function applyToolDecision(calls: readonly ToolCallView[], known: ToolCallView, decision: ApprovalDecision): readonly ToolCallView[] {
  const index = calls.findIndex((call) => call.toolCallId === known.toolCallId);
  if (index === -1) return [...calls, decided(known, decision, "user")];
  const changed = decided(calls[index]!, decision, "user");
  return changed === calls[index] ? calls : calls.with(index, changed);
}
