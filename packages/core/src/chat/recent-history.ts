import type { Database } from "@codelab/db";
import type { ChatMessage } from "../llm/llm-client.js";

// Far more than any token budget keeps; the prompt builder trims to the budget.
const maxHistoryMessages = 50;

/**
 * The session's latest user and assistant turns, oldest first. `excludingId` leaves out the message
 * being stored at the same time, so the history can be read while it is written.
 */
export async function recentHistory(
  { db }: { db: Database },
  { userId, sessionId, excludingId }: { userId: string; sessionId: string; excludingId: string },
): Promise<ChatMessage[]> {
  const rows = await db.message.findMany({
    where: { userId, sessionId, role: { in: ["user", "assistant"] }, id: { not: excludingId } },
    select: { role: true, content: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: maxHistoryMessages,
  });
  return rows.reverse().map((row) => ({ role: row.role === "user" ? "user" : "assistant", content: row.content }));
}
