import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import { projectSelect, type ProjectRecord } from "./project-select.js";

export const projectNotFound = () => new AppError("PROJECT_NOT_FOUND", "Project not found");

/** A project of another user is indistinguishable from a missing one. */
export async function getProject(
  { db }: { db: Database },
  { userId, projectId }: { userId: string; projectId: string },
): Promise<ProjectRecord> {
  const project = await db.userProject.findFirst({ where: { id: projectId, userId }, select: projectSelect });
  if (!project) throw projectNotFound();
  return project;
}
