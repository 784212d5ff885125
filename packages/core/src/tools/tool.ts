import type { ToolName } from "@codelab/contracts";
import type { z } from "zod";
import type { ProjectWorkspace } from "../workspace/project-workspace.js";

/** `dangerous` tools run code on the user's behalf and need the user's approval first. */
export type ToolRisk = "safe" | "sensitive" | "dangerous";

/**
 * Who a tool acts for. It comes from the execution context, never from the model's arguments,
 * so a tool can only ever act with the caller's rights.
 */
export interface ToolContext {
  userId: string;
  projectId: string;
  agentId: string;
  workspace: ProjectWorkspace;
  signal: AbortSignal;
}

/** A file a tool produced that the chat shows (a chart, say). */
export interface ToolAttachment {
  path: string;
  mediaType: string;
}

export interface ToolResult {
  /** What the model reads back. */
  content: string;
  /** True when the tool failed in a way the model should hear about and may correct. */
  isError?: boolean;
  attachments?: ToolAttachment[];
}

export interface ToolLimits {
  /** The tool's run is aborted after this long. */
  timeoutMilliseconds: number;
  /** Longer results are cut before the model sees them. */
  maxResultChars: number;
}

export interface Tool<Input = unknown> {
  name: ToolName;
  /** Shown to the model. */
  description: string;
  /** Arguments are validated with it; the model sees it as JSON schema. */
  inputSchema: z.ZodType<Input>;
  risk: ToolRisk;
  limits: ToolLimits;
  run(input: Input, context: ToolContext): Promise<ToolResult>;
}

/** Lets tools with different input types sit in one registry while each keeps its own typing. */
export function defineTool<Input>(tool: Tool<Input>): Tool {
  return tool;
}
