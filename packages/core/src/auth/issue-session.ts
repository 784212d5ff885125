import { randomUUID } from "node:crypto";
import type { Database, Prisma } from "@codelab/db";
import type { UserRecord } from "../users/user-select.js";
import type { AuthDependencies } from "./auth-dependencies.js";

export interface IssuedSession {
  accessToken: string;
  tokenType: "Bearer";
  expiresIn: number;
  refreshToken: string;
  refreshTokenExpiresIn: number;
  user: UserRecord;
}

type Transaction = Prisma.TransactionClient | Database;

/** Mints an access token and the first (or next) refresh token of a rotation family. */
export async function issueSession(
  { tokens, clock }: Omit<AuthDependencies, "db">,
  db: Transaction,
  { user, tokenVersion, familyId = randomUUID() }: { user: UserRecord; tokenVersion: number; familyId?: string },
): Promise<IssuedSession> {
  const tokenId = randomUUID();
  const refresh = tokens.signRefreshToken({ userId: user.id, tokenVersion, tokenId, familyId });
  await db.refreshToken.create({
    data: {
      id: tokenId,
      userId: user.id,
      familyId,
      expiresAt: new Date(clock.now().getTime() + refresh.expiresIn * 1000),
    },
  });
  const access = tokens.signAccessToken({ userId: user.id, tokenVersion });
  return {
    accessToken: access.token,
    tokenType: "Bearer",
    expiresIn: access.expiresIn,
    refreshToken: refresh.token,
    refreshTokenExpiresIn: refresh.expiresIn,
    user,
  };
}
