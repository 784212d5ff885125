import { AppError } from "../errors/app-error.js";
import { userSelect } from "../users/user-select.js";
import type { AuthDependencies } from "./auth-dependencies.js";
import { issueSession, type IssuedSession } from "./issue-session.js";
import { hashPassword, verifyPassword } from "./password-hash.js";
import { revokeSessions } from "./revoke-sessions.js";

export interface ChangePasswordOptions {
  userId: string;
  currentPassword: string;
  newPassword: string;
}

/** Changes the password, signs out every other device, and hands this one a fresh session. */
export async function changePassword(
  dependencies: AuthDependencies,
  { userId, currentPassword, newPassword }: ChangePasswordOptions,
): Promise<IssuedSession> {
  const { db, clock } = dependencies;
  const user = await db.user.findUnique({ where: { id: userId }, select: { ...userSelect, passwordHash: true } });
  if (!user?.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new AppError("INVALID_CREDENTIALS", "Current password is incorrect", { details: { field: "currentPassword" } });
  }
  const passwordHash = await hashPassword(newPassword);
  const { passwordHash: _old, ...profile } = user;
  return db.$transaction(async (transaction) => {
    await transaction.user.update({ where: { id: userId }, data: { passwordHash } });
    const tokenVersion = await revokeSessions(transaction, clock, { userId });
    return issueSession(dependencies, transaction, { user: profile, tokenVersion });
  });
}
