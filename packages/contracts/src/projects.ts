import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";

const projectName = z.string().trim().min(1, "must not be empty").max(255);
const workspacePath = z.string().trim().min(1).max(500).nullable();

export const createProjectInput = z.strictObject({
  name: projectName,
  workspacePath: workspacePath.optional(),
});

export const listProjectsInput = z.strictObject({ ...pagination }).default({ limit: 20, offset: 0 });

export const projectIdInput = z.strictObject({ ...projectScope });

export const updateProjectInput = z.strictObject({
  ...projectScope,
  name: projectName.optional(),
  workspacePath: workspacePath.optional(),
});

export const projectOutput = z.object({
  id: uuid,
  userId: uuid,
  name: z.string(),
  workspacePath: z.string().nullable(),
  createdAt: isoDate,
  updatedAt: isoDate,
});

export const projectListOutput = z.object({ projects: z.array(projectOutput), total: z.number().int() });

export type CreateProjectInput = z.input<typeof createProjectInput>;
