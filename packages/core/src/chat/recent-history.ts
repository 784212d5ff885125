import type { Database } from "@codelab/db";
import type { ChatMessage } from "../llm/llm-client.js";

// Far more than any token budget keeps; the prompt builder trims to the budget.
const maxHistoryMessages = 50;

/** The session's latest user and assistant turns, oldest first. */
export async function recentHistory(
  { db }: { db: Database },
  { userId, sessionId, before }: { userId: string; sessionId: string; before?: Date },
): Promise<ChatMessage[]> {
  const rows = await db.message.findMany({
    where: { userId, sessionId, role: { in: ["user", "assistant"] }, ...(before ? { createdAt: { lt: before } } : {}) },
    select: { role: true, content: true },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: maxHistoryMessages,
  });
  return rows.reverse().map((row) => ({ role: row.role === "user" ? "user" : "assistant", content: row.content }));
}
