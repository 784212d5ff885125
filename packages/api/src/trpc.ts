import { initTRPC } from "@trpc/server";
import { z } from "zod";
import { AppError, authenticate, getProject } from "@codelab/core";
import type { Context } from "./context.js";
import { describeError } from "./errors/describe-error.js";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const described = describeError(error);
    return {
      code: shape.code,
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
export const publicProcedure = t.procedure;
export const createCallerFactory = t.createCallerFactory;

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

export const protectedProcedure = t.procedure.use(isAuthed);

/** Every project-scoped procedure: the project must belong to the caller, otherwise NOT_FOUND. */
export const projectProcedure = protectedProcedure
  .input(z.object({ projectId: z.uuid() }))
  .use(async function hasProject({ ctx, input, next }) {
    const project = await getProject(ctx.deps, { userId: ctx.userId, projectId: input.projectId });
    return next({ ctx: { project } });
  });
