import type { Database } from "@codelab/db";
import type { ChatMessage } from "../llm/llm-client.js";

// Far more than any token budget keeps; the prompt builder trims to the budget.
const maxHistoryMessages = 50;

export interface DirectTurnStart {
  userId: string;
  projectId: string;
  sessionId: string;
  agentId: string;
  messageId: string;
  content: string;
  metadata: Record<string, string>;
}

/**
 * Opens a direct turn in one statement: stores the user's message, shows the agent BUSY (never
 * overriding DISABLED, the user's decision), and returns the session's latest user and assistant
 * turns before that message, oldest first. The SELECT reads the snapshot the statement started
 * with, so the message stored alongside is not part of its own history.
 */
export async function startDirectTurn(db: Database, turn: DirectTurnStart): Promise<ChatMessage[]> {
  const { userId, projectId, sessionId, agentId, messageId, content, metadata } = turn;
  const rows = await db.$queryRaw<Array<{ role: string; content: string }>>`
    WITH stored AS (
      INSERT INTO messages (id, session_id, user_id, role, content, metadata)
      VALUES (${messageId}::uuid, ${sessionId}::uuid, ${userId}::uuid, 'user', ${content}, ${JSON.stringify(metadata)}::jsonb)
    ), busy AS (
      UPDATE user_agents SET status = 'BUSY', status_reason = NULL, updated_at = CURRENT_TIMESTAMP
      WHERE id = ${agentId}::uuid AND project_id = ${projectId}::uuid AND user_id = ${userId}::uuid AND status <> 'DISABLED'
    )
    SELECT role::text AS role, content FROM messages
    WHERE user_id = ${userId}::uuid AND session_id = ${sessionId}::uuid AND role IN ('user', 'assistant')
    ORDER BY created_at DESC, id DESC
    LIMIT ${maxHistoryMessages}`;
  return rows.reverse().map((row) => ({ role: row.role === "user" ? "user" : "assistant", content: row.content }));
}
