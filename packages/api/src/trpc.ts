import { initTRPC } from "@trpc/server";
import { TRPC_ERROR_CODES_BY_KEY } from "@trpc/server/rpc";
import { z } from "zod";
import { AppError, authenticate, getProject } from "@codelab/core";
import type { Context } from "./context.js";
import { describeError } from "./errors/describe-error.js";
import { assertStorableInput } from "./input/assert-storable-input.js";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const described = describeError(error);
    return {
      // The JSON-RPC code must agree with data.code: an AppError reaches here wrapped as INTERNAL_SERVER_ERROR.
      code: TRPC_ERROR_CODES_BY_KEY[described.trpcCode],
      message: described.message,
      data: {
        code: described.trpcCode,
        httpStatus: described.httpStatus,
        appCode: described.code,
        details: described.details,
        path: shape.data.path,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

const hasStorableInput = t.middleware(async ({ getRawInput, next }) => {
  assertStorableInput(await getRawInput());
  return next();
});

/** No input reaches a schema or the database unchecked: public procedures check it first, protected ones once authenticated. */
export const publicProcedure = t.procedure.use(hasStorableInput);

function bearerToken(authorization: string | undefined): string {
  const match = authorization ? /^Bearer ([^\s]+)$/i.exec(authorization.trim()) : null;
  if (!match?.[1]) {
    throw new AppError("UNAUTHENTICATED", "Missing or invalid Authorization header", {
      details: { reason: "missing_token" },
    });
  }
  return match[1];
}

const isAuthed = t.middleware(async ({ ctx, next }) => {
  const { userId } = await authenticate(ctx.deps, { token: bearerToken(ctx.request.authorization) });
  return next({ ctx: { userId } });
});

// Authentication runs before any look at the input: an anonymous caller learns nothing about what input is accepted.
export const protectedProcedure = t.procedure.use(isAuthed).use(hasStorableInput);

/** Every project-scoped procedure: the project must belong to the caller, otherwise NOT_FOUND. */
export const projectProcedure = protectedProcedure
  .input(z.object({ projectId: z.uuid() }))
  .use(async function hasProject({ ctx, input, next }) {
    const project = await getProject(ctx.deps, { userId: ctx.userId, projectId: input.projectId });
    return next({ ctx: { project } });
  });
