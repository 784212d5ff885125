import { getSession, type EventScope } from "@codelab/core";

/** The scope of a session's event stream, once the session is known to be the user's (SESSION_NOT_FOUND otherwise). */
export async function sessionEventScope(
  deps: Parameters<typeof getSession>[0],
  { userId, projectId, sessionId }: { userId: string; projectId: string; sessionId: string },
): Promise<EventScope> {
  await getSession(deps, { userId, projectId, sessionId });
  return { userId, projectId, sessionId };
}
