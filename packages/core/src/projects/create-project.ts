import { randomUUID } from "node:crypto";
import type { Database } from "@codelab/db";
import type { Metrics } from "../metrics/metrics.js";
import type { ProjectWorkspaces } from "../workspace/project-workspace.js";
import { projectSelect, type ProjectRecord } from "./project-select.js";
import { defaultStarterPack, type StarterAgent } from "./starter-pack.js";

export interface CreateProjectDependencies {
  db: Database;
  metrics: Pick<Metrics, "projectCreations">;
  starterPack?: readonly StarterAgent[];
  /** Without it the workspace directory is made on first use, as for projects older than workspaces. */
  workspaces?: Pick<ProjectWorkspaces, "create">;
}

export interface CreateProjectOptions {
  userId: string;
  name: string;
  workspacePath?: string | null | undefined;
}

/**
 * Creates the project and its starter pack in one transaction (all rows exist, or none), then its
 * workspace. A project whose workspace cannot be made is removed again, so a failed call leaves nothing.
 */
export async function createProject(
  { db, metrics, starterPack = defaultStarterPack, workspaces }: CreateProjectDependencies,
  { userId, name, workspacePath }: CreateProjectOptions,
): Promise<ProjectRecord> {
  const projectId = randomUUID();
  const [project] = await db.$transaction([
    db.userProject.create({
      data: { id: projectId, userId, name, workspacePath: workspacePath ?? null },
      select: projectSelect,
    }),
    db.userAgent.createMany({
      data: starterPack.map((agent) => ({ userId, projectId, name: agent.name, config: { ...agent.config } })),
    }),
  ]);
  if (workspaces) {
    try {
      await workspaces.create(projectId);
    } catch (error) {
      await db.userProject.deleteMany({ where: { id: projectId, userId } });
      throw error;
    }
  }
  metrics.projectCreations.inc();
  return project;
}
