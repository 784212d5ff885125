import { parseJsonText } from "../tool-support/parse-json-text.js";
import { succeed, type Outcome } from "../tool-support/outcome.js";
import { findUnsafeIntegers, unsafeIntegerWarning } from "./unsafe-integers.js";

export interface FormatJsonOptions {
  indent: number;
  minify: boolean;
  sortKeys: boolean;
}

/** Pretty-prints (or minifies) JSON, optionally with object keys sorted so two documents diff cleanly. */
export function formatJson(text: string, options: FormatJsonOptions): Outcome<string> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  const value = options.sortKeys ? sortKeysDeep(parsed.value) : parsed.value;
  const formatted = JSON.stringify(value, null, options.minify ? undefined : options.indent);
  const unsafe = findUnsafeIntegers(text);
  return succeed(unsafe.length > 0 ? unsafeIntegerWarning(unsafe) + formatted : formatted);
}

export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
  return Object.fromEntries(entries.map(([key, nested]) => [key, sortKeysDeep(nested)]));
}
