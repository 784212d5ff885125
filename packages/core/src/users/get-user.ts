import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import { userSelect, type UserRecord } from "./user-select.js";

export async function getUser({ db }: { db: Database }, { userId }: { userId: string }): Promise<UserRecord> {
  const user = await db.user.findUnique({ where: { id: userId }, select: userSelect });
  if (!user) throw new AppError("NOT_FOUND", "User not found");
  return user;
}
