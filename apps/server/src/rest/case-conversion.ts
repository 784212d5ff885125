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

/** Sets a key as an own property, even "__proto__", which plain assignment would take as the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

// Requests get objects without a prototype, so a client's "__proto__" key stays an ordinary (and then refused) field.
// Responses get ordinary ones: JSON.stringify writes them about twice as fast, and every key is set as an own property.
const requestObject = () => Object.create(null) as Record<string, unknown>;
const responseObject = (): Record<string, unknown> => ({});

// A plain loop: it runs on every REST body and response, on the hot path of the API.
function convertKeys(value: unknown, convert: (key: string) => string, newObject: () => Record<string, unknown>, depth: number): unknown {
  // Anything deeper is handed on unconverted, for the procedures' input check to refuse, so the walk never exhausts the stack.
  if (depth > maxInputDepth) return value;
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert, newObject, depth + 1));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  const converted = newObject();
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const inner = (value as Record<string, unknown>)[key];
    setOwn(converted, convert(key), opaqueKeys.has(key) ? inner : convertKeys(inner, convert, newObject, depth + 1));
  }
  return converted;
}

export const snakeCaseKeys = (value: unknown) => convertKeys(value, toSnake, responseObject, 0);
export const camelCaseKeys = (value: unknown) => convertKeys(value, toCamel, requestObject, 0);

/** A field path as the client spelled it: segments inside an opaque object keep their keys. */
export function snakeCaseField(path: string): string {
  const segments = path.split(".");
  const opaqueAt = segments.findIndex((segment) => opaqueKeys.has(segment));
  return segments.map((segment, index) => (opaqueAt !== -1 && index > opaqueAt ? segment : toSnake(segment))).join(".");
}
