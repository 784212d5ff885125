import type { Prisma } from "@codelab/db";
import { AppError } from "../errors/app-error.js";

export const sessionSelect = {
  id: true,
  projectId: true,
  topic: true,
  createdAt: true,
} satisfies Prisma.ChatSessionSelect;

export type SessionRecord = Prisma.ChatSessionGetPayload<{ select: typeof sessionSelect }>;

export const sessionNotFound = () => new AppError("SESSION_NOT_FOUND", "Chat session not found");

export interface SessionScope {
  userId: string;
  projectId: string;
  sessionId: string;
}
