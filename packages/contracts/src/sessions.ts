import { z } from "zod";
import { isoDate, pagination, projectScope, uuid } from "./common.js";

const topic = z.string().trim().min(1).max(255).nullable();

export const createSessionInput = z.strictObject({ ...projectScope, topic: topic.optional() });
export const sessionIdInput = z.strictObject({ ...projectScope, sessionId: uuid });
export const listSessionsInput = z.strictObject({ ...projectScope, ...pagination });
export const updateSessionInput = z.strictObject({ ...projectScope, sessionId: uuid, topic });

export const sessionOutput = z.object({
  id: uuid,
  projectId: uuid,
  topic: z.string().nullable(),
  createdAt: isoDate,
});

export const sessionListOutput = z.object({ sessions: z.array(sessionOutput), total: z.number().int() });
