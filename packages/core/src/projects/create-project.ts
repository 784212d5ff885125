import { randomUUID } from "node:crypto";
import type { Database } from "@codelab/db";
import type { Metrics } from "../metrics/metrics.js";
import { projectSelect, type ProjectRecord } from "./project-select.js";
import { defaultStarterPack, type StarterAgent } from "./starter-pack.js";

export interface CreateProjectDependencies {
  db: Database;
  metrics: Pick<Metrics, "projectCreations">;
  starterPack?: readonly StarterAgent[];
}

export interface CreateProjectOptions {
  userId: string;
  name: string;
  workspacePath?: string | null | undefined;
}

/** Creates the project and its starter pack in one transaction: all rows exist, or none. */
export async function createProject(
  { db, metrics, starterPack = defaultStarterPack }: CreateProjectDependencies,
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
  metrics.projectCreations.inc();
  return project;
}
