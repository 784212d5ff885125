import type { z } from "zod";

/** One message per field, keyed by the field's path (`workspacePath`, `email`). */
export type FieldErrors = Record<string, string>;

export type Validation<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

// zod's own wording for an empty required string reads like a bug report; contracts that wrote
// their own message ("must not be empty") keep it.
const genericEmptyStringMessage = /^Too small: expected string to have >=1 characters?$/;

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "too_small" && genericEmptyStringMessage.test(issue.message)) return "Required";
  // Number inputs hand over NaN when empty or unreadable.
  if (issue.code === "invalid_type" && issue.expected === "number") return "Must be a number";
  return issue.message.charAt(0).toUpperCase() + issue.message.slice(1);
}

/** Checks form values against a contract schema before they are sent, reporting the first problem per field. */
export function validate<Schema extends z.ZodType>(schema: Schema, values: unknown): Validation<z.output<Schema>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    errors[issue.path.map(String).join(".")] ??= describeIssue(issue);
  }
  return { ok: false, errors };
}
