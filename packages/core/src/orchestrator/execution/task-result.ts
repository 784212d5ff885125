import type { Prisma } from "@codelab/db";

/** What a completed task stores in its `result` column. */
// A type, not an interface, so that it is a JSON value as stored.
export type TaskResult = {
  output: string;
  model: string;
  finishReason: string;
  memoriesUsed: number;
};

function resultText(result: Prisma.JsonValue | null, field: "output" | "model"): string {
  if (typeof result !== "object" || result === null || Array.isArray(result)) return "";
  const value = result[field];
  return typeof value === "string" ? value : "";
}

/** The output text of a stored result; empty when there is none. */
export const readTaskOutput = (result: Prisma.JsonValue | null): string => resultText(result, "output");

/** The model that answered; empty when there is no result. */
export const readTaskModel = (result: Prisma.JsonValue | null): string => resultText(result, "model");

/** The `dependencies` column: a JSON list of task ids. */
export function readDependencies(dependencies: Prisma.JsonValue): string[] {
  return Array.isArray(dependencies) ? dependencies.filter((dependency): dependency is string => typeof dependency === "string") : [];
}
