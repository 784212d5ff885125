import type { AuthDependencies } from "./auth-dependencies.js";
import { revokeSessions } from "./revoke-sessions.js";

export async function logoutUser({ db, clock }: Pick<AuthDependencies, "db" | "clock">, { userId }: { userId: string }) {
  await db.$transaction((transaction) => revokeSessions(transaction, clock, { userId }));
}
