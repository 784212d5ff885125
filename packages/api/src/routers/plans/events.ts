import { z } from "zod";
import { projectScope, uuid } from "@codelab/contracts";
import { projectProcedure } from "../../trpc.js";
import { lastEventId } from "../../subscriptions/event-stream-input.js";
import { planEventScope } from "../../subscriptions/plan-event-scope.js";
import { trackedEvents } from "../../subscriptions/tracked-events.js";

/** The plan's events live (plan-*, task-*, and anything else raised inside it), resumable like `chat.events`. */
export const events = projectProcedure
  .input(z.strictObject({ ...projectScope, planId: uuid, lastEventId }))
  .subscription(async function* ({ ctx, input, signal }) {
    const scope = await planEventScope(ctx.deps, { userId: ctx.userId, projectId: ctx.project.id, planId: input.planId });
    yield* trackedEvents(ctx.deps, { scope, lastEventId: input.lastEventId, signal });
  });
