import { z } from "zod";
import type { Message } from "../chat/chat-types.js";
import type { ToolAttachment, ToolCallView } from "./tool-call-types.js";

const attachmentList = z.array(z.object({ path: z.string().min(1), mediaType: z.string() }));

/** What the server writes into a `tool` message's metadata; read leniently, since older rows may lack fields. */
const toolMessageMetadata = z.object({
  toolCallId: z.string(),
  toolName: z.string(),
  input: z.unknown().optional(),
  status: z.enum(["completed", "failed", "rejected"]).catch("completed"),
  reason: z.string().nullish().catch(null),
  attachments: attachmentList.catch([]),
  durationMilliseconds: z.number().optional().catch(undefined),
  replyMessageId: z.string().optional().catch(undefined),
  taskId: z.string().optional().catch(undefined),
});

const approvalEndReasons = new Set(["user", "approval_timeout", "cancelled"] as const);
const isApprovalEndReason = (reason: string | null | undefined): reason is "user" | "approval_timeout" | "cancelled" =>
  approvalEndReasons.has(reason as "user");

/** The files (charts) a message's tools made, from an assistant or tool message's metadata; none when unreadable. */
export function attachmentsOf(metadata: Record<string, unknown>): readonly ToolAttachment[] {
  const parsed = attachmentList.safeParse(metadata.attachments);
  return parsed.success ? parsed.data : [];
}

/** A stored `tool` message as a finished call; undefined for a message that does not describe one. */
export function toolCallFromMessage(message: Message): ToolCallView | undefined {
  if (message.role !== "tool") return undefined;
  const parsed = toolMessageMetadata.safeParse(message.metadata);
  if (!parsed.success) return undefined;
  const { toolCallId, toolName, input, status, reason, attachments, durationMilliseconds, replyMessageId, taskId } = parsed.data;
  return {
    toolCallId,
    toolName,
    agentId: message.agentId,
    messageId: replyMessageId ?? null,
    planId: message.planId,
    taskId: taskId ?? null,
    input,
    phase: status,
    output: message.content,
    attachments,
    durationMilliseconds,
    approval: undefined,
    decision: status === "rejected" && isApprovalEndReason(reason) ? { decision: "rejected", reason } : undefined,
  };
}
