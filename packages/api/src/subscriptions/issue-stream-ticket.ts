import { getSession, type TokenService } from "@codelab/core";

/** A stream ticket for one of the user's sessions (SESSION_NOT_FOUND for anyone else's). */
export async function issueStreamTicket(
  deps: Parameters<typeof getSession>[0] & { tokens: TokenService },
  scope: { userId: string; projectId: string; sessionId: string },
): Promise<{ ticket: string; expiresIn: number }> {
  await getSession(deps, scope);
  const { token, expiresIn } = deps.tokens.signStreamTicket(scope);
  return { ticket: token, expiresIn };
}
