import { chatReplyOutput, sendMessageInput } from "@codelab/contracts";
import { sendDirectMessage, sendToOrchestrator } from "@codelab/core";
import { protectedProcedure } from "../../trpc.js";

/**
 * Direct mode when `targetAgent` names an agent: answers `kind: "message"` with the agent's reply.
 * Otherwise the orchestrator plans the request: answers `kind: "plan"` with the plan as soon as it
 * is stored; the final answer follows as an assistant message and a `plan-end` event.
 * `idempotencyKey` is honoured in direct mode only.
 *
 * Not a `projectProcedure`: both modes prove the project is the caller's in their own first query
 * (direct mode in its agent lookup), so a direct call skips a lookup of its own.
 */
export const send = protectedProcedure
  .input(sendMessageInput)
  .output(chatReplyOutput)
  .mutation(async ({ ctx, input, signal }) => {
    const { targetAgent, idempotencyKey, ...message } = input;
    if (!targetAgent) {
      const plan = await sendToOrchestrator(ctx.deps, { userId: ctx.userId, ...message, signal });
      return { kind: "plan" as const, ...plan };
    }
    const reply = await sendDirectMessage(ctx.deps, { userId: ctx.userId, ...message, targetAgent, idempotencyKey, signal });
    return { kind: "message" as const, ...reply.message, agentName: reply.agentName };
  });
