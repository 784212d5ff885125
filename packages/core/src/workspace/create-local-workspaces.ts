import { mkdir, realpath, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { createLocalWorkspace, type WorkspaceRoot } from "./local-workspace.js";
import type { ProjectWorkspace, ProjectWorkspaces } from "./project-workspace.js";

export const defaultWorkspaceRoot = "./.codelab/workspaces";
export const defaultMaxFileBytes = 10 * 1024 * 1024;

export interface LocalWorkspacesOptions {
  /** Relative paths are taken from the working directory. */
  root?: string;
  maxFileBytes?: number;
  /** All files of one workspace together; unlimited when absent. */
  maxWorkspaceBytes?: number | undefined;
}

// The directory name comes from this id, so only a well-formed id may ever become one.
const projectIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function assertProjectId(projectId: string): void {
  if (!projectIdPattern.test(projectId)) throw new Error("A workspace is named by a project id (a UUID)");
}

/**
 * Project workspaces as directories `<root>/<project id>`. Uploads are staged in
 * `<root>/.incoming` (a name no UUID can take) so a half-written file never appears in a workspace,
 * and the rename that publishes it stays on one file system.
 */
export function createLocalWorkspaces({
  root = defaultWorkspaceRoot,
  maxFileBytes = defaultMaxFileBytes,
  maxWorkspaceBytes,
}: LocalWorkspacesOptions = {}): ProjectWorkspaces {
  const rootDirectory = resolve(root);
  const workspaceRoot: WorkspaceRoot = {
    // Two system calls per operation, instead of a cached answer that goes stale when an operator moves the root.
    async prepare() {
      await mkdir(join(rootDirectory, ".incoming"), { recursive: true });
      const directory = await realpath(rootDirectory);
      return { directory, incoming: join(directory, ".incoming") };
    },
  };

  function open(projectId: string): ProjectWorkspace {
    assertProjectId(projectId);
    return createLocalWorkspace({
      projectId,
      directory: join(rootDirectory, projectId),
      root: workspaceRoot,
      maxFileBytes,
      maxWorkspaceBytes,
    });
  }

  return {
    maxFileBytes,
    open,
    async create(projectId) {
      const workspace = open(projectId);
      // Listing the root creates the directory, through the same checks as every other operation.
      await workspace.list();
      return workspace;
    },
    async remove(projectId) {
      assertProjectId(projectId);
      // A link in the workspace's place is removed itself; rm never follows it.
      await rm(join(rootDirectory, projectId), { recursive: true, force: true });
    },
  };
}
