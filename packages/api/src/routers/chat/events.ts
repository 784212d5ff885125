import { z } from "zod";
import { projectScope, uuid } from "@codelab/contracts";
import { projectProcedure } from "../../trpc.js";
import { lastEventId } from "../../subscriptions/event-stream-input.js";
import { sessionEventScope } from "../../subscriptions/session-event-scope.js";
import { trackedEvents } from "../../subscriptions/tracked-events.js";

/** The session's events live: replayed after `lastEventId`, then as they are published. */
export const events = projectProcedure
  .input(z.strictObject({ ...projectScope, sessionId: uuid, lastEventId }))
  .subscription(async function* ({ ctx, input, signal }) {
    const scope = await sessionEventScope(ctx.deps, { userId: ctx.userId, projectId: ctx.project.id, sessionId: input.sessionId });
    yield* trackedEvents(ctx.deps, { scope, lastEventId: input.lastEventId, signal });
  });
