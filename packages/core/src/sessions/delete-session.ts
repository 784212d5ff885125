import type { Database } from "@codelab/db";
import { sessionNotFound, type SessionScope } from "./session-select.js";

/** Its messages go with it (ON DELETE CASCADE). */
export async function deleteSession({ db }: { db: Database }, { userId, projectId, sessionId }: SessionScope) {
  const { count } = await db.chatSession.deleteMany({ where: { id: sessionId, projectId, userId } });
  if (count === 0) throw sessionNotFound();
}
