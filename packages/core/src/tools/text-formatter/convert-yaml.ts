import { parseAllDocuments, stringify } from "yaml";
import { parseJsonText } from "../tool-support/parse-json-text.js";
import { fail, succeed, type Outcome } from "../tool-support/outcome.js";
import { findUnsafeIntegers, unsafeIntegerWarning } from "./unsafe-integers.js";

/** Aliases can expand exponentially ("billion laughs"); this bounds what one document may expand to. */
const maxAliasCount = 100;

export function jsonToYaml(text: string, indent: number): Outcome<string> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  // lineWidth 0: long strings stay on one line instead of being folded, which reads and diffs better.
  const yaml = stringify(parsed.value, { indent, lineWidth: 0, aliasDuplicateObjects: false });
  const unsafe = findUnsafeIntegers(text);
  return succeed(unsafe.length > 0 ? unsafeIntegerWarning(unsafe) + yaml : yaml);
}

/**
 * Converts YAML to JSON. Several documents (separated by `---`) become a JSON array. Duplicate
 * keys are errors rather than "last one wins", and values JSON cannot hold (.inf, .nan) are
 * reported rather than turned into null.
 */
export function yamlToJson(text: string, indent: number): Outcome<string> {
  const documents = parseAllDocuments(text, { uniqueKeys: true, prettyErrors: true });
  if (!Array.isArray(documents) || documents.length === 0) return fail("The YAML is empty.");
  const values: unknown[] = [];
  for (const [position, document] of documents.entries()) {
    const [firstError] = document.errors;
    if (firstError) {
      const where = documents.length > 1 ? ` (document ${position + 1})` : "";
      return fail(`The input is not valid YAML${where}: ${firstError.message.trimEnd()}`);
    }
    try {
      values.push(document.toJS({ maxAliasCount }));
    } catch (error) {
      return fail(`The YAML cannot be converted: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const value = values.length === 1 ? values[0] : values;
  const nonFinite = findNonFinite(value, "$");
  if (nonFinite) return fail(`The YAML value at ${nonFinite} is infinite or not a number, which JSON cannot represent.`);
  return succeed(JSON.stringify(value, null, indent) ?? "null");
}

function findNonFinite(value: unknown, path: string): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNonFinite(item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      const found = findNonFinite(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
