import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import type { TokenService } from "./token-service.js";

/**
 * Turns a bearer token into the caller's user id. The token version is checked on every call
 * so logout and password change take effect at once. A valid token for a user we have never
 * seen provisions that user, so an external identity provider sharing the secret can issue tokens.
 */
export async function authenticate(
  { db, tokens }: { db: Database; tokens: TokenService },
  { token }: { token: string },
): Promise<{ userId: string }> {
  const claims = tokens.verify(token, "access");
  const { userId } = claims;
  const user = await db.user.findUnique({ where: { id: userId }, select: { tokenVersion: true } });
  if (user) {
    if ((claims.tokenVersion ?? 0) !== user.tokenVersion) {
      throw new AppError("UNAUTHENTICATED", "Invalid or expired token", { details: { reason: "token_revoked" } });
    }
    return { userId };
  }
  if (claims.tokenVersion !== undefined && claims.tokenVersion !== 0) {
    throw new AppError("UNAUTHENTICATED", "Invalid or expired token", { details: { reason: "unknown_user" } });
  }
  await provisionUser(db, { userId, email: claims.email });
  return { userId };
}

async function provisionUser(db: Database, { userId, email }: { userId: string; email: string | undefined }) {
  const placeholderEmail = `${userId}@users.codelab.invalid`;
  const emailTaken = email ? (await db.user.count({ where: { email: email.toLowerCase() } })) > 0 : true;
  const chosenEmail = emailTaken ? placeholderEmail : (email ?? placeholderEmail).toLowerCase();
  await db.user.upsert({
    where: { id: userId },
    create: { id: userId, email: chosenEmail, username: chosenEmail.split("@")[0] ?? userId },
    update: {},
  });
}
