import { randomUUID } from "node:crypto";
import type { Tool, ToolContext, ToolResult } from "../../tool.js";
import type { ProjectWorkspace } from "../../../workspace/project-workspace.js";

/** The context a tool gets in a chat, for a workspace under test. */
export function toolContextFor(workspace: ProjectWorkspace): ToolContext {
  return { userId: randomUUID(), projectId: workspace.projectId, agentId: randomUUID(), workspace, signal: new AbortController().signal };
}

/** Validates raw arguments as the tool loop does, then runs the tool. */
export async function runTool(tool: Tool, rawArguments: unknown, context: ToolContext): Promise<ToolResult> {
  return tool.run(tool.inputSchema.parse(rawArguments), context);
}
