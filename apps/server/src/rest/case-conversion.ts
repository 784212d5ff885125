import { maxInputDepth } from "@codelab/api";

// REST speaks snake_case, tRPC camelCase. Free-form `metadata` objects belong to the user and keep their keys.
const opaqueKeys = new Set(["metadata"]);

/** Key spellings repeat on every response, so each conversion is worked out once (bounded, as keys come from clients too). */
function memoized(convert: (key: string) => string): (key: string) => string {
  const known = new Map<string, string>();
  return (key) => {
    let converted = known.get(key);
    if (converted === undefined) {
      converted = convert(key);
      if (known.size < 10_000) known.set(key, converted);
    }
    return converted;
  };
}

const toSnake = memoized((key) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));
const toCamel = memoized((key) => key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase()));

// A plain loop: this runs on every REST response and is the adapter's largest cost after validation.
function convertKeys(value: unknown, convert: (key: string) => string, depth: number): unknown {
  // Anything deeper is handed on unconverted, for the procedures' input check to refuse, so the walk never exhausts the stack.
  if (depth > maxInputDepth) return value;
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert, depth + 1));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  // No prototype, so a client's "__proto__" key stays an ordinary (and then refused) field.
  const converted = Object.create(null) as Record<string, unknown>;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = (value as Record<string, unknown>)[key];
    converted[convert(key)] = opaqueKeys.has(key) ? inner : convertKeys(inner, convert, depth + 1);
  }
  return converted;
}

export const snakeCaseKeys = (value: unknown) => convertKeys(value, toSnake, 0);
export const camelCaseKeys = (value: unknown) => convertKeys(value, toCamel, 0);

/** A field path as the client spelled it: segments inside an opaque object keep their keys. */
export function snakeCaseField(path: string): string {
  const segments = path.split(".");
  const opaqueAt = segments.findIndex((segment) => opaqueKeys.has(segment));
  return segments.map((segment, index) => (opaqueAt !== -1 && index > opaqueAt ? segment : toSnake(segment))).join(".");
}
