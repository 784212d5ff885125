import { isAppError } from "../../errors/app-error.js";
import type { SandboxOutputFile } from "../../sandbox/sandbox.js";
import type { ProjectWorkspace } from "../../workspace/project-workspace.js";
import type { ToolAttachment } from "../tool.js";

export interface SavedOutputs {
  saved: Array<{ path: string; bytes: number }>;
  /** Files the workspace refused (a bad name, over a size limit or the quota), with its reason. */
  refused: Array<{ path: string; reason: string }>;
  attachments: ToolAttachment[];
}

// Images the chat shows; the files API serves them under a sandboxing content security policy.
const imageMediaTypes: Record<string, string> = { png: "image/png", svg: "image/svg+xml", jpg: "image/jpeg", jpeg: "image/jpeg" };

function imageMediaType(path: string): string | undefined {
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? imageMediaTypes[path.slice(dot + 1).toLowerCase()] : undefined;
}

/**
 * Writes what a sandbox run produced into the project's workspace, through the workspace itself,
 * which confines every path and applies its size limits; the sandbox never writes there.
 */
export async function saveOutputFiles(workspace: ProjectWorkspace, files: readonly SandboxOutputFile[]): Promise<SavedOutputs> {
  const outputs: SavedOutputs = { saved: [], refused: [], attachments: [] };
  for (const { path, content } of files) {
    try {
      const entry = await workspace.write(path, content);
      outputs.saved.push({ path: entry.path, bytes: entry.size });
      const mediaType = imageMediaType(entry.path);
      if (mediaType) outputs.attachments.push({ path: entry.path, mediaType });
    } catch (error) {
      // A name or size the workspace will not take is the model's to hear about; anything else is ours.
      if (!isAppError(error) || error.category !== "user") throw error;
      outputs.refused.push({ path, reason: error.message });
    }
  }
  return outputs;
}
