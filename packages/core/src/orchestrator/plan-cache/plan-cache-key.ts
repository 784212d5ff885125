import { createHash } from "node:crypto";
import type { AgentConfig } from "@codelab/contracts";
import type { JsonValue } from "../../errors/app-error.js";

/** Requests that differ only in case, spacing or a closing full stop ask for the same plan. */
export function normalizeRequest(request: string): string {
  return request.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().replace(/[.!?]+$/, "").trimEnd();
}

/**
 * The cache key of a request for one user's agent set: the normalized request plus every agent's
 * name and whole configuration, so renaming, re-prompting or re-tooling any agent misses. Scoped
 * to the user, so one user's cached plan never reveals another's request.
 */
export function planCacheKey({ userId, request, agents }: { userId: string; request: string; agents: ReadonlyArray<{ name: string; config: AgentConfig }> }): string {
  const agentSet = [...agents].sort((left, right) => (left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
  const material = stableJson({ userId, request: normalizeRequest(request), agents: agentSet.map(({ name, config }) => ({ name, config })) });
  return createHash("sha256").update(material).digest("hex");
}

/** JSON with object keys sorted at every level, so equal values always hash alike. */
function stableJson(value: unknown): string {
  return JSON.stringify(sortKeys(value as JsonValue));
}

function sortKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortKeys(value[key]!)]));
}
