import type { Database } from "@codelab/db";
import { sessionNotFound, type SessionScope } from "../sessions/session-select.js";
import { messageSelect, toMessageRecord, type MessageRecord } from "./message-select.js";

/** Chronological. The session must belong to the user; its messages are then scoped through it. */
export async function listMessages(
  { db }: { db: Database },
  { userId, projectId, sessionId, limit, offset }: SessionScope & { limit: number; offset: number },
): Promise<{ messages: MessageRecord[]; total: number }> {
  const session = await db.chatSession.findFirst({ where: { id: sessionId, projectId, userId }, select: { id: true } });
  if (!session) throw sessionNotFound();
  const where = { sessionId, userId };
  const [rows, total] = await Promise.all([
    db.message.findMany({
      where,
      select: messageSelect,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      skip: offset,
    }),
    db.message.count({ where }),
  ]);
  return { messages: rows.map(toMessageRecord), total };
}
