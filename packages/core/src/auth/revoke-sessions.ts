import type { Database, Prisma } from "@codelab/db";
import type { Clock } from "../ports/clock.js";

/** Invalidates every access and refresh token the user holds: used by logout and password change. */
export async function revokeSessions(
  db: Database | Prisma.TransactionClient,
  clock: Clock,
  { userId }: { userId: string },
): Promise<number> {
  const user = await db.user.update({
    where: { id: userId },
    data: { tokenVersion: { increment: 1 } },
    select: { tokenVersion: true },
  });
  await db.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: clock.now() } });
  return user.tokenVersion;
}
