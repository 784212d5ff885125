import { maxInputDepth } from "@codelab/api";

// REST speaks snake_case, tRPC camelCase. Free-form `metadata` objects belong to the user and keep their keys.
const opaqueKeys = new Set(["metadata"]);

const toSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

function convertKeys(value: unknown, convert: (key: string) => string, depth: number): unknown {
  // Anything deeper is handed on unconverted, for the procedures' input check to refuse, so the walk never exhausts the stack.
  if (depth > maxInputDepth) return value;
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert, depth + 1));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [convert(key), opaqueKeys.has(key) ? inner : convertKeys(inner, convert, depth + 1)]),
  );
}

export const snakeCaseKeys = (value: unknown) => convertKeys(value, toSnake, 0);
export const camelCaseKeys = (value: unknown) => convertKeys(value, toCamel, 0);

/** A field path as the client spelled it: segments inside an opaque object keep their keys. */
export function snakeCaseField(path: string): string {
  const segments = path.split(".");
  const opaqueAt = segments.findIndex((segment) => opaqueKeys.has(segment));
  return segments.map((segment, index) => (opaqueAt !== -1 && index > opaqueAt ? segment : toSnake(segment))).join(".");
}
