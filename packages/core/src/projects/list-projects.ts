import type { Database } from "@codelab/db";
import { projectSelect, type ProjectRecord } from "./project-select.js";

export interface ListProjectsOptions {
  userId: string;
  limit: number;
  offset: number;
}

/** Newest first. */
export async function listProjects(
  { db }: { db: Database },
  { userId, limit, offset }: ListProjectsOptions,
): Promise<{ projects: ProjectRecord[]; total: number }> {
  const [projects, total] = await Promise.all([
    db.userProject.findMany({
      where: { userId },
      select: projectSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      skip: offset,
    }),
    db.userProject.count({ where: { userId } }),
  ]);
  return { projects, total };
}
