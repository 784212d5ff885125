import { z } from "zod";
import type { JsonValue } from "../errors/app-error.js";
import type { Tool } from "./tool.js";

export type ParsedArguments = { ok: true; input: unknown } | { ok: false; message: string };

const maxAuditedChars = 16_384;

/** The arguments as the audit log keeps them: the model's JSON when it is JSON, its raw text (capped) otherwise. */
export function auditedArguments(rawArguments: string): JsonValue {
  try {
    const value = JSON.parse(rawArguments) as JsonValue;
    return rawArguments.length <= maxAuditedChars ? value : rawArguments.slice(0, maxAuditedChars);
  } catch {
    return rawArguments.slice(0, maxAuditedChars);
  }
}

/** The model's argument text checked against the tool's schema; what is wrong is said so the model can correct it. */
export function parseToolArguments(tool: Tool, rawArguments: string): ParsedArguments {
  let value: unknown;
  try {
    // Some providers send "" for a call without arguments.
    value = rawArguments.trim() === "" ? {} : JSON.parse(rawArguments);
  } catch (error) {
    return { ok: false, message: `The arguments are not valid JSON (${error instanceof Error ? error.message : "parse error"}). Send one JSON object.` };
  }
  const result = tool.inputSchema.safeParse(value);
  if (result.success) return { ok: true, input: result.data };
  return { ok: false, message: `The arguments do not match the ${tool.name} schema:\n${z.prettifyError(result.error)}` };
}
