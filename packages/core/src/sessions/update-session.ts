import type { Database } from "@codelab/db";
import { getSession } from "./get-session.js";
import { sessionNotFound, type SessionRecord, type SessionScope } from "./session-select.js";

export async function updateSession(
  { db }: { db: Database },
  { userId, projectId, sessionId, topic }: SessionScope & { topic: string | null },
): Promise<SessionRecord> {
  const { count } = await db.chatSession.updateMany({ where: { id: sessionId, projectId, userId }, data: { topic } });
  if (count === 0) throw sessionNotFound();
  return getSession({ db }, { userId, projectId, sessionId });
}
