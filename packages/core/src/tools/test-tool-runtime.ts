import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalWorkspaces } from "../workspace/create-local-workspaces.js";
import type { Tool } from "./tool.js";
import { createToolRegistry } from "./tool-registry.js";
import { defaultToolLoopLimits, type ToolLoopLimits, type ToolRuntime } from "./tool-runtime.js";

export interface TestToolRuntimeOptions {
  /** None by default. */
  tools?: readonly Tool[];
  limits?: Partial<ToolLoopLimits>;
  approvalTimeoutSeconds?: number;
}

/** The real tool runtime, with workspaces in a fresh temporary directory. */
export async function createTestToolRuntime({ tools = [], limits = {}, approvalTimeoutSeconds = 300 }: TestToolRuntimeOptions = {}): Promise<ToolRuntime> {
  return {
    registry: createToolRegistry(tools),
    workspaces: createLocalWorkspaces({ root: await mkdtemp(join(tmpdir(), "codelab-workspaces-")) }),
    limits: { ...defaultToolLoopLimits, ...limits },
    approvalTimeoutSeconds,
  };
}
