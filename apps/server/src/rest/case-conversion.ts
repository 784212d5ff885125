// REST speaks snake_case, tRPC camelCase. Free-form `metadata` objects belong to the user and keep their keys.
const opaqueKeys = new Set(["metadata"]);

const toSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const toCamel = (key: string) => key.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [convert(key), opaqueKeys.has(key) ? inner : convertKeys(inner, convert)]),
  );
}

export const snakeCaseKeys = (value: unknown) => convertKeys(value, toSnake);
export const camelCaseKeys = (value: unknown) => convertKeys(value, toCamel);
export const snakeCaseField = (path: string) => path.split(".").map(toSnake).join(".");
