import type { ProjectWorkspaces } from "../workspace/project-workspace.js";
import type { ToolRegistry } from "./tool-registry.js";

export interface ToolLoopLimits {
  /** Model answers that may call tools in one turn; the answer after the last round is asked for without tools. */
  maxRounds: number;
  /** Tool run time one turn may spend in all; later calls get what is left and fail when nothing is. */
  maxTotalMilliseconds: number;
}

export const defaultToolLoopLimits: ToolLoopLimits = { maxRounds: 8, maxTotalMilliseconds: 120_000 };

/** What agents need to use tools. */
export interface ToolRuntime {
  registry: ToolRegistry;
  workspaces: ProjectWorkspaces;
  limits: ToolLoopLimits;
  /** How long a dangerous call waits for the user in direct mode. */
  approvalTimeoutSeconds: number;
}
