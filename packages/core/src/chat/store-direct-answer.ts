import type { Database } from "@codelab/db";
import type { MessageSubject } from "../events/event-map.js";
import { toMessageRecord, type MessageRecord } from "../messages/message-select.js";
import type { ContextualAgentResult } from "../runtime/run-contextual-agent.js";

type MessageRow = Parameters<typeof toMessageRecord>[0];

export interface DirectAnswer {
  userId: string;
  projectId: string;
  subject: MessageSubject;
  run: ContextualAgentResult;
}

/**
 * The complete answer as the assistant message, under the id its events announced, and the agent
 * READY again (never overriding DISABLED), in one statement: both or neither. Written in SQL as it
 * is on every direct call.
 */
export async function storeDirectAnswer(db: Database, { userId, projectId, subject, run }: DirectAnswer): Promise<MessageRecord> {
  const { completion, cost, latencyMilliseconds, memoriesUsed, toolCalls } = run;
  const { promptTokens, completionTokens } = completion.usage;
  const metadata = {
    agentName: subject.agentName,
    model: completion.model,
    provider: completion.provider,
    finishReason: completion.finishReason,
    usageEstimated: completion.usage.estimated,
    latencyMilliseconds,
    upstreamMilliseconds: completion.upstreamMilliseconds,
    memoriesUsed,
    toolCalls: toolCalls.map(({ toolCallId, call, status }) => ({ toolCallId, toolName: call.name, status })),
    // Files the tools made (charts), shown with the answer.
    attachments: toolCalls.flatMap(({ attachments }) => attachments.map(({ path, mediaType }) => ({ path, mediaType }))),
  };
  const [row] = await db.$queryRaw<MessageRow[]>`
    WITH stored AS (
      INSERT INTO messages (id, session_id, user_id, role, content, agent_id, prompt_tokens, completion_tokens, total_tokens, cost, metadata)
      VALUES (
        ${subject.messageId}::uuid, ${subject.sessionId}::uuid, ${userId}::uuid, 'assistant', ${completion.content}, ${subject.agentId}::uuid,
        ${promptTokens}::integer, ${completionTokens}::integer, ${promptTokens + completionTokens}::integer, ${cost}::double precision,
        ${JSON.stringify(metadata)}::jsonb
      )
      RETURNING id, session_id, role, content, agent_id, plan_id, prompt_tokens, completion_tokens, total_tokens, cost, metadata, created_at
    ), ready AS (
      UPDATE user_agents SET status = 'READY', status_reason = NULL, updated_at = CURRENT_TIMESTAMP
      WHERE id = ${subject.agentId}::uuid AND project_id = ${projectId}::uuid AND user_id = ${userId}::uuid AND status <> 'DISABLED'
    )
    SELECT id, session_id AS "sessionId", role::text AS role, content, agent_id AS "agentId", plan_id AS "planId",
           prompt_tokens AS "promptTokens", completion_tokens AS "completionTokens", total_tokens AS "totalTokens",
           cost, metadata, created_at AS "createdAt"
    FROM stored`;
  if (!row) throw new Error("the answer was not stored");
  return toMessageRecord(row);
}
