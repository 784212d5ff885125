import { AppError } from "../errors/app-error.js";
import { isUniqueViolation } from "../errors/prisma-errors.js";
import { userSelect } from "../users/user-select.js";
import type { AuthDependencies } from "./auth-dependencies.js";
import { issueSession, type IssuedSession } from "./issue-session.js";
import { hashPassword } from "./password-hash.js";

export interface RegisterUserOptions {
  email: string;
  password: string;
  username?: string | undefined;
}

export async function registerUser(
  dependencies: AuthDependencies,
  { email, password, username }: RegisterUserOptions,
): Promise<IssuedSession> {
  const passwordHash = await hashPassword(password);
  try {
    return await dependencies.db.$transaction(async (transaction) => {
      const user = await transaction.user.create({
        data: { email, username: username ?? email.split("@")[0] ?? email, passwordHash },
        select: userSelect,
      });
      return issueSession(dependencies, transaction, { user, tokenVersion: 0 });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("EMAIL_TAKEN", "An account with this email already exists", { details: { field: "email" } });
    }
    throw error;
  }
}
