import { userSelect } from "../users/user-select.js";
import type { AuthDependencies } from "./auth-dependencies.js";
import { issueSession, type IssuedSession } from "./issue-session.js";
import { unauthenticated, type UnauthenticatedReason } from "./unauthenticated.js";

const sessionExpired = (reason: UnauthenticatedReason) => unauthenticated(reason, { message: "Session expired; sign in again" });

/**
 * Rotates a refresh token: each one works once. Presenting a used one means it was copied, so
 * the whole family (every descendant of that sign-in) is revoked.
 */
export async function refreshSession(
  dependencies: AuthDependencies,
  { refreshToken }: { refreshToken: string },
): Promise<IssuedSession> {
  const { db, tokens, clock } = dependencies;
  const claims = tokens.verify(refreshToken, "refresh");
  if (!claims.tokenId || !claims.familyId) throw sessionExpired("malformed_token");
  const { tokenId, familyId, userId } = claims;
  const now = clock.now();

  const outcome = await db.$transaction(async (transaction) => {
    // Consuming with a conditional update makes two concurrent uses of one token a reuse, never two sessions.
    const consumed = await transaction.refreshToken.updateMany({
      where: { id: tokenId, userId, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (consumed.count === 0) return "not_consumed" as const;
    const user = await transaction.user.findUnique({ where: { id: userId }, select: { ...userSelect, tokenVersion: true } });
    if (!user || user.tokenVersion !== claims.tokenVersion) return "revoked" as const;
    const { tokenVersion, ...profile } = user;
    return issueSession(dependencies, transaction, { user: profile, tokenVersion, familyId });
  });

  if (outcome === "revoked") throw sessionExpired("token_revoked");
  if (outcome === "not_consumed") {
    const stored = await db.refreshToken.findFirst({ where: { id: tokenId, userId }, select: { usedAt: true } });
    if (!stored?.usedAt) throw sessionExpired("token_revoked");
    await db.refreshToken.updateMany({ where: { familyId, userId, revokedAt: null }, data: { revokedAt: now } });
    throw sessionExpired("refresh_token_reused");
  }
  return outcome;
}
