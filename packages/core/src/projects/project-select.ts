import type { Prisma } from "@codelab/db";

export const projectSelect = {
  id: true,
  userId: true,
  name: true,
  workspacePath: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.UserProjectSelect;

export type ProjectRecord = Prisma.UserProjectGetPayload<{ select: typeof projectSelect }>;
