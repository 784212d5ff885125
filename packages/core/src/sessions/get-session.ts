import type { Database } from "@codelab/db";
import { sessionNotFound, sessionSelect, type SessionRecord, type SessionScope } from "./session-select.js";

export async function getSession(
  { db }: { db: Database },
  { userId, projectId, sessionId }: SessionScope,
): Promise<SessionRecord> {
  const session = await db.chatSession.findFirst({ where: { id: sessionId, projectId, userId }, select: sessionSelect });
  if (!session) throw sessionNotFound();
  return session;
}
