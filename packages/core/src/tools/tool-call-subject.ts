import type { ToolSubject } from "../events/event-map.js";

export const toolInvocationSubjectSelect = {
  id: true,
  tool: true,
  agentId: true,
  messageId: true,
  planId: true,
  taskId: true,
} as const;

type SubjectRow = { id: string; tool: string; agentId: string; messageId: string | null; planId: string | null; taskId: string | null };

/** How events name a tool call, from its audit row. */
export function toolSubjectOf(row: SubjectRow): ToolSubject {
  return { toolCallId: row.id, toolName: row.tool, agentId: row.agentId, messageId: row.messageId, planId: row.planId, taskId: row.taskId };
}
