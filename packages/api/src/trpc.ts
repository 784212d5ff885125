import { initTRPC } from "@trpc/server";
import { z } from "zod";
import { authenticate, getProject } from "@codelab/core";
import { bearerToken } from "./auth/bearer-token.js";
import type { Context } from "./context.js";
import { errorShape } from "./errors/error-shape.js";
import { assertStorableInput } from "./input/assert-storable-input.js";
import { withCompiledSchemas } from "./with-compiled-schemas.js";
import { streamPingMilliseconds } from "./subscriptions/event-stream-policy.js";

const t = initTRPC.context<Context>().create({
  sse: {
    // Pings keep proxies from closing an idle stream; a client that hears nothing for three intervals reconnects.
    ping: { enabled: true, intervalMs: streamPingMilliseconds },
    client: { reconnectAfterInactivityMs: streamPingMilliseconds * 3 },
  },
  errorFormatter: ({ shape, error }) => errorShape(error, shape.data.path),
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const procedure = withCompiledSchemas(t.procedure);

const hasStorableInput = t.middleware(async ({ getRawInput, next }) => {
  assertStorableInput(await getRawInput());
  return next();
});

/** No input reaches a schema or the database unchecked: public procedures check it first, protected ones once authenticated. */
export const publicProcedure = procedure.use(hasStorableInput);

/**
 * Authentication runs before any look at the input: an anonymous caller learns nothing about what
 * input is accepted. Both happen in this one middleware because tRPC copies the call's options at
 * every layer, on every request.
 */
const isAuthed = t.middleware(async ({ ctx, getRawInput, next }) => {
  const { userId } = await authenticate(ctx.deps, { token: bearerToken(ctx.request.authorization) });
  assertStorableInput(await getRawInput());
  return next({ ctx: { userId } });
});

export const protectedProcedure = procedure.use(isAuthed);

/** Every project-scoped procedure: the project must belong to the caller, otherwise NOT_FOUND. */
export const projectProcedure = protectedProcedure
  .input(z.object({ projectId: z.uuid() }))
  .use(async function hasProject({ ctx, input, next }) {
    const project = await getProject(ctx.deps, { userId: ctx.userId, projectId: input.projectId });
    return next({ ctx: { project } });
  });
