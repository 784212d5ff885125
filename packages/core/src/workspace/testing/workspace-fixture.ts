import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalWorkspaces, type LocalWorkspacesOptions } from "../create-local-workspaces.js";
import type { ProjectWorkspace, ProjectWorkspaces } from "../project-workspace.js";

export interface WorkspaceFixture {
  /** Holds the root and, beside it, `outside/` with a secret no workspace may reach. */
  base: string;
  root: string;
  outside: string;
  workspaces: ProjectWorkspaces;
  /** The workspace under test, and a sibling project's with a file of its own. */
  own: ProjectWorkspace;
  sibling: ProjectWorkspace;
  [Symbol.asyncDispose](): Promise<void>;
}

export const outsideSecret = "TOP SECRET: outside every workspace";
export const siblingSecret = "the sibling project's private notes";

/** Real directories in a fresh temporary directory, removed on dispose. */
export async function createWorkspaceFixture(options: Omit<LocalWorkspacesOptions, "root"> = {}): Promise<WorkspaceFixture> {
  const base = await mkdtemp(join(tmpdir(), "codelab-workspace-test-"));
  const root = join(base, "workspaces");
  const outside = join(base, "outside");
  await mkdir(outside);
  await writeFile(join(outside, "secret.txt"), outsideSecret);
  const workspaces = createLocalWorkspaces({ root, ...options });
  const own = await workspaces.create(randomUUID());
  const sibling = await workspaces.create(randomUUID());
  // Written directly, so a fixture with a tiny file limit still has it.
  await writeFile(join(sibling.directory, "notes.txt"), siblingSecret);
  await writeFile(join(root, "secret.txt"), outsideSecret);
  return {
    base,
    root,
    outside,
    workspaces,
    own,
    sibling,
    [Symbol.asyncDispose]: () => rm(base, { recursive: true, force: true }),
  };
}
