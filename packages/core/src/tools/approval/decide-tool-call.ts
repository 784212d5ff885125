import type { Database } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { EventBus } from "../../events/event-bus.js";
import type { Clock } from "../../ports/clock.js";
import type { ToolCallStatus } from "../tool-call-select.js";
import { toolInvocationSubjectSelect, toolSubjectOf } from "../tool-call-subject.js";

export interface DecideToolCallDependencies {
  db: Database;
  events: EventBus;
  clock: Clock;
}

export interface DecideToolCallOptions {
  userId: string;
  projectId: string;
  toolCallId: string;
  decision: "approved" | "rejected";
}

// Says nothing about the id, so another user's call and a missing one answer alike.
const notFound = () => new AppError("TOOL_CALL_NOT_FOUND", "Tool call not found");

/**
 * The user's answer to a dangerous tool call waiting in direct mode. One conditional update on the
 * stored status and expiry decides it, so of any number of concurrent answers exactly one wins; the
 * rest, and answers to a call no longer waiting, get 409 with the call's current status.
 */
export async function decideToolCall(deps: DecideToolCallDependencies, options: DecideToolCallOptions): Promise<{ toolCallId: string; status: ToolCallStatus }> {
  const { db, events, clock } = deps;
  const { userId, projectId, toolCallId, decision } = options;
  const now = clock.now();
  const { count } = await db.toolInvocation.updateMany({
    where: { id: toolCallId, userId, projectId, status: "awaiting_approval", approvalExpiresAt: { gt: now } },
    data: decision === "approved" ? { status: "approved" } : { status: "rejected", statusReason: "user", completedAt: now },
  });
  const row = await db.toolInvocation.findFirst({
    where: { id: toolCallId, userId, projectId },
    select: { ...toolInvocationSubjectSelect, status: true, statusReason: true, sessionId: true },
  });
  if (!row) throw notFound();
  if (count === 0) {
    const status = row.status === "awaiting_approval" ? "expired" : row.status;
    throw new AppError("TOOL_CALL_STATE_CONFLICT", `The tool call is no longer waiting for approval (it is ${status})`, {
      details: { toolCallId, status, reason: row.statusReason },
    });
  }
  if (row.sessionId) {
    await events.publish(
      { userId, projectId, sessionId: row.sessionId },
      { type: "tool-approval-end", payload: { ...toolSubjectOf(row), decision, reason: "user", decidedAt: now.toISOString() } },
    );
  }
  return { toolCallId, status: row.status as ToolCallStatus };
}
