import type { Database } from "@codelab/db";
import type { TokenService } from "./token-service.js";
import { unauthenticated } from "./unauthenticated.js";

/**
 * Turns a bearer token into the caller's user id with one primary-key lookup. The token version
 * is checked on every call so logout and password change take effect at once. A valid token for
 * a user we have never seen provisions that user, so an external identity provider sharing the
 * secret can issue tokens.
 */
export async function authenticate(
  { db, tokens }: { db: Database; tokens: TokenService },
  { token }: { token: string },
): Promise<{ userId: string }> {
  const claims = tokens.verify(token, "access");
  const { userId } = claims;
  const user = await db.user.findUnique({ where: { id: userId }, select: { tokenVersion: true } });
  if (user) {
    // External tokens carry no version: they are good until the user first signs out everywhere.
    if ((claims.tokenVersion ?? 0) !== user.tokenVersion) throw unauthenticated("token_revoked");
    return { userId };
  }
  // A version above 0 means we issued it to a user since deleted: such a token must not resurrect them.
  if ((claims.tokenVersion ?? 0) !== 0) throw unauthenticated("unknown_user");
  await provisionUser(db, { userId, email: claims.email });
  return { userId };
}

/**
 * Inserts with ON CONFLICT DO NOTHING, so two first requests racing for the same new user both
 * succeed. The token's email is used when it is free; otherwise an address that cannot collide.
 */
async function provisionUser(db: Database, { userId, email }: { userId: string; email: string | undefined }) {
  const placeholderEmail = `${userId}@users.codelab.invalid`;
  const candidates = new Set([email?.trim().toLowerCase() || placeholderEmail, placeholderEmail]);
  for (const candidate of candidates) {
    const username = candidate.split("@")[0] || userId;
    const { count } = await db.user.createMany({ data: [{ id: userId, email: candidate, username }], skipDuplicates: true });
    if (count === 1) return;
    if ((await db.user.count({ where: { id: userId } })) === 1) return;
  }
}
