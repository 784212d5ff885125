import { z } from "zod";
import { agentName } from "./agents.js";
import { projectScope, uuid } from "./common.js";
import { messageOutput } from "./messages.js";
import { planOutput } from "./plans.js";

export const maxMessageLength = 32_000;

export const sendMessageInput = z.strictObject({
  ...projectScope,
  sessionId: uuid,
  content: z.string().trim().min(1, "must not be empty").max(maxMessageLength, `must be at most ${maxMessageLength} characters`),
  /** One agent by name (direct mode); without it the personal orchestrator plans the request. */
  targetAgent: agentName.optional(),
  /** A retried send with the same key returns the first result instead of asking the model twice. */
  idempotencyKey: z.string().trim().min(1).max(255).optional(),
});

export const sentMessageOutput = messageOutput.extend({ agentName: z.string().nullable() });

/**
 * What a send returns: in direct mode the agent's stored answer; in orchestrator mode the plan
 * just created (`pending_approval` or already `executing`) — its final answer arrives later as an
 * assistant message and a `plan-end` event.
 */
export const chatReplyOutput = z.discriminatedUnion("kind", [
  sentMessageOutput.extend({ kind: z.literal("message") }),
  planOutput.extend({ kind: z.literal("plan") }),
]);

export type SendMessageInput = z.input<typeof sendMessageInput>;
