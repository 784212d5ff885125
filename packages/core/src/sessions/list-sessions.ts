import type { Database } from "@codelab/db";
import { sessionSelect, type SessionRecord } from "./session-select.js";

/** Newest first. */
export async function listSessions(
  { db }: { db: Database },
  { userId, projectId, limit, offset }: { userId: string; projectId: string; limit: number; offset: number },
): Promise<{ sessions: SessionRecord[]; total: number }> {
  const where = { userId, projectId };
  const [sessions, total] = await Promise.all([
    db.chatSession.findMany({
      where,
      select: sessionSelect,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      skip: offset,
    }),
    db.chatSession.count({ where }),
  ]);
  return { sessions, total };
}
