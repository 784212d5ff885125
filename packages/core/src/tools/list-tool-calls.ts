import type { Database } from "@codelab/db";
import type { EventBus } from "../events/event-bus.js";
import type { Clock } from "../ports/clock.js";
import { getSession } from "../sessions/get-session.js";
import { expireOverdueToolApprovals } from "./approval/expire-overdue-tool-approvals.js";
import { toolCallSelect, toToolCallRecord, type ToolCallRecord, type ToolCallStatus } from "./tool-call-select.js";

export interface ListToolCallsOptions {
  userId: string;
  projectId: string;
  sessionId?: string | undefined;
  status?: ToolCallStatus | undefined;
  limit: number;
  offset: number;
}

/** The project's tool-call audit trail, newest first; overdue approvals are expired first, so none is listed as waiting. */
export async function listToolCalls(
  deps: { db: Database; events: EventBus; clock: Clock },
  { userId, projectId, sessionId, status, limit, offset }: ListToolCallsOptions,
): Promise<{ toolCalls: ToolCallRecord[]; total: number }> {
  if (sessionId) await getSession(deps, { userId, projectId, sessionId });
  await expireOverdueToolApprovals(deps, { userId, projectId });
  const where = { userId, projectId, ...(sessionId ? { sessionId } : {}), ...(status ? { status } : {}) };
  const [rows, total] = await Promise.all([
    deps.db.toolInvocation.findMany({ where, select: toolCallSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, skip: offset }),
    deps.db.toolInvocation.count({ where }),
  ]);
  return { toolCalls: rows.map(toToolCallRecord), total };
}
