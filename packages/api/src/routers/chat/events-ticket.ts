import { z } from "zod";
import { projectScope, uuid } from "@codelab/contracts";
import { projectProcedure } from "../../trpc.js";
import { issueStreamTicket } from "../../subscriptions/issue-stream-ticket.js";

/** For browsers' EventSource, which cannot send an Authorization header: a short-lived ticket for `?ticket=` of the REST event stream. */
export const eventsTicket = projectProcedure
  .input(z.strictObject({ ...projectScope, sessionId: uuid }))
  .output(z.object({ ticket: z.string(), expiresIn: z.number().int() }))
  .mutation(({ ctx, input }) =>
    issueStreamTicket(ctx.deps, { userId: ctx.userId, projectId: ctx.project.id, sessionId: input.sessionId }),
  );
