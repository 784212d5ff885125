import { AppError } from "@codelab/core";

/**
 * Input nested deeper than this is refused before any schema sees it: validators and the REST
 * key conversion recurse, and a deep enough body would exhaust the stack.
 */
export const maxInputDepth = 32;

const notStorableText = "must be valid Unicode text without NUL characters";

// PostgreSQL text and jsonb cannot hold U+0000 or an unpaired surrogate; left alone, either becomes a database error.
const unpairedSurrogate = /\p{Cs}/u;
const isStorableText = (text: string) => !text.includes("\u0000") && !unpairedSurrogate.test(text);

interface InputProblem {
  field: string;
  message: string;
}

function findProblem(value: unknown, path: string[]): InputProblem | undefined {
  if (typeof value === "string") return isStorableText(value) ? undefined : { field: path.join("."), message: notStorableText };
  if (value === null || typeof value !== "object") return undefined;
  if (path.length >= maxInputDepth) {
    return { field: path.join("."), message: `is nested too deeply (at most ${maxInputDepth} levels)` };
  }
  for (const [key, inner] of Object.entries(value)) {
    const innerPath = [...path, key];
    if (!isStorableText(key)) return { field: innerPath.join("."), message: notStorableText };
    const problem = findProblem(inner, innerPath);
    if (problem) return problem;
  }
  return undefined;
}

/** Refuses, with the offending field, raw input that no schema could safely walk or the database store. */
export function assertStorableInput(input: unknown): void {
  const problem = findProblem(input, []);
  if (problem) throw new AppError("VALIDATION_FAILED", "Invalid input", { details: { fields: [{ ...problem }] } });
}
