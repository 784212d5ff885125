import { appRouter } from "@codelab/api";

export type ProcedureType = "query" | "mutation" | "subscription";

// At run time a flat map from full path to procedure; its static type describes the nested record.
const procedures = appRouter._def.procedures as Record<string, unknown>;

/** The type of the procedure at a tRPC path (`projects.list`); undefined when there is none. */
export function procedureTypeAt(path: string): ProcedureType | undefined {
  if (!Object.hasOwn(procedures, path)) return undefined;
  return (procedures[path] as { _def: { type: ProcedureType } })._def.type;
}
