import type { Prisma } from "@codelab/db";

export const userSelect = {
  id: true,
  email: true,
  username: true,
  createdAt: true,
} satisfies Prisma.UserSelect;

export type UserRecord = Prisma.UserGetPayload<{ select: typeof userSelect }>;
