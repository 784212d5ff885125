import { initTRPC, TRPCError } from "@trpc/server";
import { describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";
import { withCompiledSchemas } from "./with-compiled-schemas.js";

const t = initTRPC.create();
const procedure = withCompiledSchemas(t.procedure);

const isoDate = z.date().transform((date) => date.toISOString());
const input = z.strictObject({ limit: z.number().int().max(100).default(20) });
const output = z.object({ names: z.array(z.string()), at: isoDate });

async function failure(call: () => Promise<unknown>): Promise<TRPCError> {
  const error: unknown = await call().then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe("withCompiledSchemas", () => {
  it("validates input and output without zod's async parse, transforms and defaults included", async () => {
    const parseAsync = vi.spyOn(output, "parseAsync");
    const resolver = vi.fn(({ input: { limit } }: { input: { limit: number } }) => ({ names: ["a"], at: new Date(limit * 1000), secret: "dropped" }));
    const caller = t.createCallerFactory(t.router({ list: procedure.input(input).output(output).query(resolver) }))({});

    const result = await caller.list({});

    expect(result).toEqual({ names: ["a"], at: "1970-01-01T00:00:20.000Z" });
    expect(resolver).toHaveBeenCalledWith(expect.objectContaining({ input: { limit: 20 } }));
    expect(parseAsync).not.toHaveBeenCalled();
    expectTypeOf(result).toEqualTypeOf<{ names: string[]; at: string }>();
  });

  it("refuses bad input as tRPC does: BAD_REQUEST caused by the zod error, resolver not called", async () => {
    const resolver = vi.fn(() => ({ names: [], at: new Date() }));
    const caller = t.createCallerFactory(t.router({ list: procedure.input(input).output(output).query(resolver) }))({});

    const error = await failure(() => caller.list({ limit: 101, extra: true } as never));

    expect(error.code).toBe("BAD_REQUEST");
    expect(error.cause).toBeInstanceOf(z.ZodError);
    expect(resolver).not.toHaveBeenCalled();
  });

  it("fails an invalid result as tRPC's output middleware does", async () => {
    const caller = t.createCallerFactory(t.router({ list: procedure.output(output).query(() => ({ names: [1], at: new Date() }) as never) }))({});

    const error = await failure(() => caller.list());

    expect(error).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed" });
    expect(error.cause).toBeInstanceOf(z.ZodError);
  });

  it("keeps a middleware added after .output() inside the output check", async () => {
    const seen = vi.fn();
    const caller = t.createCallerFactory(
      t.router({
        list: procedure
          .output(output)
          .use(async ({ next }) => {
            seen();
            return next();
          })
          .mutation(() => ({ names: "not a list", at: new Date() }) as never),
      }),
    )({});

    const error = await failure(() => caller.list());

    expect(seen).toHaveBeenCalledOnce();
    expect(error.message).toBe("Output validation failed");
  });

  it("merges inputs given around a middleware as tRPC does, the middleware seeing only the earlier one", async () => {
    const seenByMiddleware = vi.fn();
    const resolver = vi.fn(({ input: given }: { input: unknown }) => given);
    const caller = t.createCallerFactory(
      t.router({
        get: procedure
          .input(z.object({ projectId: z.string() }))
          .use(async ({ input: given, next }) => {
            seenByMiddleware(given);
            return next();
          })
          .input(z.object({ projectId: z.string(), limit: z.number().default(5) }))
          .input(z.object({ projectId: z.string(), flag: z.boolean().default(true) }))
          .query(resolver),
      }),
    )({});

    await expect(caller.get({ projectId: "p" })).resolves.toEqual({ projectId: "p", limit: 5, flag: true });
    expect(seenByMiddleware).toHaveBeenCalledWith({ projectId: "p" });
    const error = await failure(() => caller.get({ projectId: 1 } as never));
    expect(error.code).toBe("BAD_REQUEST");
    expect(resolver).toHaveBeenCalledOnce();
  });

  it("still validates schemas with async refinements, asynchronously", async () => {
    const taken = z.string().refine(async (name) => Promise.resolve(name !== "taken"), "is taken");
    const caller = t.createCallerFactory(t.router({ claim: procedure.input(taken).output(taken).mutation(({ input: name }) => name) }))({});

    await expect(caller.claim("free")).resolves.toBe("free");
    expect((await failure(() => caller.claim("taken"))).code).toBe("BAD_REQUEST");
  });

  it("hands other validators to tRPC unchanged", async () => {
    const positive = (value: unknown) => {
      if (typeof value !== "number" || value <= 0) throw new Error("must be positive");
      return value;
    };
    const caller = t.createCallerFactory(t.router({ double: procedure.input(positive).output(positive).query(({ input: value }) => value * 2) }))({});

    await expect(caller.double(2)).resolves.toBe(4);
    expect((await failure(() => caller.double(-1))).code).toBe("BAD_REQUEST");
  });
});
