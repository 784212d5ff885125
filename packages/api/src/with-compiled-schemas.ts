import { TRPCError } from "@trpc/server";
import { z } from "zod";

type Parse = (value: unknown) => unknown;
type Method = (...parameters: unknown[]) => unknown;
type Resolver = (options: ResolverOptions) => unknown;

interface ResolverOptions {
  input: unknown;
  getRawInput: () => Promise<unknown>;
}

/** The schemas given since the last middleware, checked in the resolver's layer once it comes. */
interface PendingSchemas {
  input?: Parse;
  output?: Parse;
}

/**
 * How a procedure's zod schema is parsed. tRPC would call `parseAsync`, which makes every transform
 * a promise of its own (each `isoDate` of a 20-row list: 40 promises and their microtasks) and
 * walks the schema node by node. Instead the schema is compiled once, on first use, with zod's
 * `z.compile` (the same results and the same errors from generated code specialised to the
 * schema), and parsed synchronously. A schema with an async refinement still works: zod refuses
 * it synchronously with `$ZodAsyncError`, and that one is parsed asynchronously.
 */
function compiledParser(schema: z.ZodType): Parse {
  let compiled: z.ZodType | undefined;
  return (value) => {
    compiled ??= z.compile(schema);
    try {
      return compiled.parse(value);
    } catch (error) {
      if (error instanceof z.core.$ZodAsyncError) return schema.parseAsync(value);
      throw error;
    }
  };
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The resolver with its input parsed and its result checked as tRPC's input and output middleware
 * do it — same merging of earlier inputs, same errors — but inside the resolver's own layer.
 */
function checkedResolver(resolver: Resolver, { input, output }: PendingSchemas): Resolver {
  return async (options) => {
    let resolverOptions = options;
    if (input) {
      let parsed: unknown;
      try {
        parsed = await input(await options.getRawInput());
      } catch (cause) {
        throw new TRPCError({ code: "BAD_REQUEST", cause });
      }
      resolverOptions = { ...options, input: isObject(options.input) && isObject(parsed) ? { ...options.input, ...parsed } : parsed };
    }
    const data = await resolver(resolverOptions);
    if (!output) return data;
    try {
      return await output(data);
    } catch (cause) {
      throw new TRPCError({ message: "Output validation failed", code: "INTERNAL_SERVER_ERROR", cause });
    }
  };
}

/** The builder methods that end it with the procedure's resolver. */
const resolverMethods = new Set<PropertyKey>(["query", "mutation"]);

/** The real builder with the pending schemas added as tRPC's own input and output middleware, in order. */
function withMiddleware(builder: object, { input, output }: PendingSchemas): object {
  let built = builder as { input: Method; output: Method };
  if (input) built = built.input(input) as typeof built;
  if (output) built = built.output(output) as typeof built;
  return built;
}

type SchemaMethod = "input" | "output";
const isSchemaMethod = (property: PropertyKey): property is SchemaMethod => property === "input" || property === "output";

function pendingBuilder<Builder extends object>(builder: Builder, pending: PendingSchemas): Builder {
  const built = () => withMiddleware(builder, pending) as Builder & Record<SchemaMethod, Method>;
  return new Proxy(builder, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return Reflect.get(built(), property);
      if (isSchemaMethod(property)) {
        // A second schema of the same kind follows the first one, which then becomes tRPC's middleware.
        if (pending[property]) return (schema: unknown) => pendingBuilder(built(), {})[property](schema);
        return (schema: unknown) =>
          schema instanceof z.ZodType
            ? pendingBuilder(target, { ...pending, [property]: compiledParser(schema) })
            : pendingBuilder(built()[property](schema) as Builder, {});
      }
      if (resolverMethods.has(property)) return (resolver: Resolver) => (value as Method).call(target, checkedResolver(resolver, pending));
      // Anything else (a middleware, meta) runs after the pending schemas, as tRPC would have run them.
      const withSchemas = built();
      const method = Reflect.get(withSchemas, property) as Method;
      return (...parameters: unknown[]) => {
        const result = method.apply(withSchemas, parameters);
        // Builders are objects; procedures are functions.
        return typeof result === "object" && result !== null ? pendingBuilder(result, {}) : result;
      };
    },
  });
}

/**
 * The same procedure builder, except that zod schemas given to `.input()` and `.output()` (on it
 * and on every builder derived from it) are compiled and parsed synchronously and, when nothing
 * comes between them and the resolver, checked in the resolver's own layer: tRPC runs each as a
 * middleware of its own, and copies the call's options at every layer of every call. Types are
 * untouched: tRPC infers them from the schemas as written; only what it runs differs.
 */
export function withCompiledSchemas<Builder extends object>(builder: Builder): Builder {
  return pendingBuilder(builder, {});
}
