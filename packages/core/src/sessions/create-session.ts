import type { Database } from "@codelab/db";
import { sessionSelect, type SessionRecord } from "./session-select.js";

export async function createSession(
  { db }: { db: Database },
  { userId, projectId, topic }: { userId: string; projectId: string; topic?: string | null | undefined },
): Promise<SessionRecord> {
  return db.chatSession.create({ data: { userId, projectId, topic: topic ?? null }, select: sessionSelect });
}
