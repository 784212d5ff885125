import { z } from "zod";
import type { JsonValue } from "../errors/app-error.js";
import type { ToolSpec } from "../llm/llm-client.js";
import type { Tool } from "./tool.js";

export interface ToolRegistry {
  get(name: string): Tool | undefined;
  /** What the model is offered for an agent holding these tools, in the agent's order; unknown names are left out. */
  specsFor(names: readonly string[]): ToolSpec[];
}

function toSpec(tool: Tool): ToolSpec {
  // The model fills in arguments before validation, so it is shown the schema's input side.
  const { $schema: _dialect, ...parameters } = z.toJSONSchema(tool.inputSchema, { io: "input", unrepresentable: "any" }) as Record<string, JsonValue>;
  return { name: tool.name, description: tool.description, parameters };
}

export function createToolRegistry(tools: readonly Tool[]): ToolRegistry {
  const byName = new Map(tools.map((tool) => [tool.name as string, { tool, spec: toSpec(tool) }]));
  if (byName.size !== tools.length) throw new Error("two tools share a name");
  return {
    get: (name) => byName.get(name)?.tool,
    specsFor: (names) => names.flatMap((name) => byName.get(name)?.spec ?? []),
  };
}
