import { randomUUID } from "node:crypto";

export type InputObject = Record<string, unknown>;

/** One way of spoiling a valid input; field names are given as the input spells them. */
export interface MalformedInput {
  name: string;
  /** The raw JSON text to send, or undefined when the case does not apply to this input. */
  raw: (valid: InputObject) => string | undefined;
  /** Fields a 400 must name, every one of them. */
  fields?: (valid: InputObject) => string[];
  /**
   * Fields of which a 400 must name at least one: project-scoped procedures check the project id
   * before the rest of the input, so a bad project id is reported alone.
   */
  someOfFields?: (valid: InputObject) => string[];
}

const uuidShaped = /^[0-9a-f]{8}-/i;
const stringKeys = (valid: InputObject) => Object.keys(valid).filter((key) => typeof valid[key] === "string");
const uuidKeys = (valid: InputObject) => stringKeys(valid).filter((key) => uuidShaped.test(String(valid[key])));

/** `valid` as JSON with one more member whose value is written as raw JSON text. */
function withRawMember(valid: InputObject, key: string, rawValue: string): string {
  const members = JSON.stringify(valid).slice(1, -1);
  return `{${JSON.stringify(key)}: ${rawValue}${members ? `, ${members}` : ""}}`;
}

/** A copy of `valid` with each of `keys` replaced, or undefined when there is nothing to replace. */
function replacing(valid: InputObject, keys: string[], value: unknown): string | undefined {
  if (keys.length === 0) return undefined;
  return JSON.stringify({ ...valid, ...Object.fromEntries(keys.map((key) => [key, value])) });
}

const deeplyNested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;

/**
 * Malformed variants of any object input. Sizes stay under what the transport can carry (a query
 * string is bounded by the HTTP header limit), so it is the server itself that must refuse them.
 */
export function malformedInputs({ hugeLength, nestingDepth }: { hugeLength: number; nestingDepth: number }): MalformedInput[] {
  return [
    { name: "an array instead of an object", raw: (valid) => JSON.stringify([valid]) },
    { name: "an empty array", raw: () => "[]" },
    { name: "a string instead of an object", raw: () => JSON.stringify("text") },
    { name: "a number instead of an object", raw: () => "42" },
    { name: "null instead of an object", raw: () => "null" },
    {
      name: "ownership and state fields",
      raw: (valid) => JSON.stringify({ ...valid, userId: randomUUID(), user_id: randomUUID(), status: "ARCHIVED", owner: "someone" }),
      fields: () => ["userId", "user_id", "status", "owner"],
    },
    {
      name: "objects where scalars belong",
      raw: (valid) => replacing(valid, Object.keys(valid), { nested: [1] }),
      someOfFields: (valid) => Object.keys(valid),
    },
    {
      name: "malformed UUIDs",
      raw: (valid) => replacing(valid, uuidKeys(valid), "123e4567-e89b-12d3-a456-42661417400Z"),
      someOfFields: uuidKeys,
    },
    {
      name: "huge strings",
      raw: (valid) => replacing(valid, stringKeys(valid), "x".repeat(hugeLength)),
      someOfFields: stringKeys,
    },
    { name: "NUL characters", raw: (valid) => replacing(valid, stringKeys(valid), "before\u0000after"), someOfFields: stringKeys },
    {
      name: "unpaired surrogates",
      raw: (valid) => replacing(valid, stringKeys(valid), "before\ud800after"),
      someOfFields: stringKeys,
    },
    { name: "deep nesting", raw: (valid) => withRawMember(valid, "nested", deeplyNested(nestingDepth)) },
    { name: "a __proto__ key", raw: (valid) => withRawMember(valid, "__proto__", '{"isAdmin": true}'), fields: () => ["__proto__"] },
    { name: "invalid JSON", raw: (valid) => JSON.stringify(valid).slice(0, -1) },
  ];
}

/** Page parameters no list may accept, with the one field each must be refused for. */
export const malformedPages: Array<{ query: string; field: "limit" | "offset" }> = [
  { query: "limit=101", field: "limit" },
  { query: "limit=0", field: "limit" },
  { query: "limit=abc", field: "limit" },
  { query: "limit=", field: "limit" },
  { query: "limit=1e2", field: "limit" },
  { query: "limit=2.5", field: "limit" },
  { query: "limit=1&limit=2", field: "limit" },
  { query: "limit=99999999999", field: "limit" },
  { query: "offset=-1", field: "offset" },
  { query: "offset=abc", field: "offset" },
];
