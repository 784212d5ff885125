import { sendMessageInput, sentMessageOutput } from "@codelab/contracts";
import { AppError, sendDirectMessage } from "@codelab/core";
import { projectProcedure } from "../../trpc.js";

/** Direct mode when `targetAgent` names an agent; the orchestrator otherwise. */
export const send = projectProcedure
  .input(sendMessageInput)
  .output(sentMessageOutput)
  .mutation(async ({ ctx, input, signal }) => {
    const { targetAgent, ...message } = input;
    if (!targetAgent) {
      throw new AppError("ORCHESTRATOR_UNAVAILABLE", "Messages without target_agent go to the orchestrator, which is not available yet");
    }
    const reply = await sendDirectMessage(ctx.deps, { userId: ctx.userId, ...message, targetAgent, signal });
    return { ...reply.message, agentName: reply.agentName };
  });
