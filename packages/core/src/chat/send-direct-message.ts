import { randomUUID } from "node:crypto";
import type { AgentRecord } from "../agents/agent-select.js";
import { AppError, isAppError } from "../errors/app-error.js";
import { createDeltaCoalescer } from "../events/delta-coalescer.js";
import type { EventBus, EventScope } from "../events/event-bus.js";
import type { MessageSubject } from "../events/event-map.js";
import type { ChatMessage } from "../llm/llm-client.js";
import { messageSelect, toMessageRecord, type MessageRecord } from "../messages/message-select.js";
import { assertWithinDailyBudget } from "../orchestrator/budget/daily-budget.js";
import { estimateDirectCallCost } from "../orchestrator/estimation/estimate-direct-call.js";
import type { AgentRuntime } from "../runtime/agent-runtime.js";
import { runContextualAgent, type ContextualAgentResult } from "../runtime/run-contextual-agent.js";
import { createUserApprovalGate } from "../tools/approval/user-approval-gate.js";
import { findTargetAgent } from "./find-target-agent.js";
import {
  claimIdempotencyKey,
  completeIdempotentRequest,
  hashRequest,
  releaseIdempotentRequest,
} from "./idempotent-request.js";
import { startDirectTurn } from "./start-direct-turn.js";
import { storeDirectAnswer } from "./store-direct-answer.js";

export interface SendDirectMessageOptions {
  userId: string;
  projectId: string;
  sessionId: string;
  content: string;
  targetAgent: string;
  idempotencyKey?: string | undefined;
  signal?: AbortSignal | undefined;
}

export interface DirectReply {
  message: MessageRecord;
  agentName: string;
}

export type ChatDependencies = AgentRuntime & { events: EventBus };

async function storedReply(deps: ChatDependencies, userId: string, messageId: string): Promise<DirectReply> {
  const row = await deps.db.message.findFirstOrThrow({ where: { id: messageId, userId }, select: messageSelect });
  const message = toMessageRecord(row);
  const agentName = typeof message.metadata.agentName === "string" ? message.metadata.agentName : "";
  return { message, agentName };
}

/**
 * Direct mode: the message goes to one named agent. The user's message is stored first, the
 * answer streams as `message-delta` events while it is generated, and the assistant message is
 * stored once complete — never a partial answer as if it were whole.
 */
export async function sendDirectMessage(deps: ChatDependencies, options: SendDirectMessageOptions): Promise<DirectReply> {
  const { userId, projectId, sessionId, content, targetAgent, idempotencyKey, signal } = options;
  const { agent, dailyBudgetUsd, memoryRevision } = await findTargetAgent(deps, { userId, projectId, sessionId, name: targetAgent });
  if (agent.status === "DISABLED") {
    throw new AppError("AGENT_DISABLED", `Agent "${agent.name}" is disabled`, { details: { agent: agent.name } });
  }

  const claim = idempotencyKey
    ? await claimIdempotencyKey(deps, { userId, sessionId, key: idempotencyKey, requestHash: hashRequest({ projectId, content, targetAgent }) })
    : undefined;
  if (claim?.kind === "replay") return storedReply(deps, userId, claim.assistantMessageId);

  try {
    await assertWithinDailyBudget(deps, {
      userId,
      dailyBudgetUsd,
      estimatedCostUsd: () => estimateDirectCallCost(deps, { userId, projectId, agent, content }),
    });
    const history = await startDirectTurn(deps.db, {
      userId,
      projectId,
      sessionId,
      agentId: agent.id,
      messageId: randomUUID(),
      content,
      metadata: { targetAgent: agent.name },
    });
    const result = await answer(deps, { userId, projectId, sessionId, content, history, agent, memoryRevision, signal });
    if (claim) await completeIdempotentRequest(deps.db, claim.requestId, result.message.id);
    return result;
  } catch (error) {
    if (claim) await releaseIdempotentRequest(deps.db, claim.requestId);
    throw error;
  }
}

interface AnswerOptions {
  userId: string;
  projectId: string;
  sessionId: string;
  content: string;
  history: ChatMessage[];
  agent: AgentRecord;
  memoryRevision: number;
  signal: AbortSignal | undefined;
}

async function answer(deps: ChatDependencies, { userId, projectId, sessionId, content, history, agent, memoryRevision, signal }: AnswerOptions): Promise<DirectReply> {
  const scope: EventScope = { userId, projectId, sessionId };
  const subject: MessageSubject = { messageId: randomUUID(), sessionId, agentId: agent.id, agentName: agent.name };
  const now = () => deps.clock.now().toISOString();
  // The model is asked meanwhile: deltas and the answer wait for it, a failure fails the turn there.
  const started = deps.events.publish(scope, { type: "message-start", payload: { ...subject, model: agent.config.model, startedAt: now() } });
  started.catch(() => undefined);
  const deltas = createDeltaCoalescer(async (text) => {
    await started;
    await deps.events.publish(scope, { type: "message-delta", payload: { messageId: subject.messageId, sessionId, agentId: agent.id, text } });
  });

  let stored: MessageRecord | undefined;
  const deliver = async (run: ContextualAgentResult) => {
    const [row] = await Promise.all([storeDirectAnswer(deps.db, { userId, projectId, subject, run }), started, deltas.flush()]);
    const { completion, cost, latencyMilliseconds } = run;
    await deps.events.publish(scope, {
      type: "message-end",
      payload: {
        ...subject,
        content: completion.content,
        model: completion.model,
        usage: { promptTokens: completion.usage.promptTokens, completionTokens: completion.usage.completionTokens },
        costUsd: cost,
        latencyMilliseconds,
        completedAt: now(),
      },
    });
    stored = row;
  };
  try {
    const turn = await runContextualAgent(deps, {
      scope: { userId, projectId, agentId: agent.id },
      config: agent.config,
      history,
      input: content,
      memoryRevision,
      // BUSY is written with the user's message, READY with the answer.
      statusShownByCaller: true,
      signal,
      onDelta: (text) => deltas.push(text),
      onAnswer: deliver,
      memoryMetadata: { sessionId },
      toolUse: {
        agentName: agent.name,
        sessionId,
        planId: null,
        taskId: null,
        messageId: subject.messageId,
        approval: createUserApprovalGate(deps, {
          scope,
          subject: { agentId: agent.id, messageId: subject.messageId, planId: null, taskId: null },
          timeoutSeconds: deps.tools.approvalTimeoutSeconds,
        }),
      },
    });
    // The reply means the exchange is remembered: the user's next message can recall it.
    await turn.remembered;
  } catch (error) {
    const failure = isAppError(error) ? { code: error.code, message: error.message } : { code: "INTERNAL" as const, message: "Internal error" };
    await deltas.flush().catch((flushError: unknown) => deps.logger.warn("could not publish the last deltas", { error: String(flushError) }));
    await deps.events.publish(scope, { type: "message-fail", payload: { ...subject, error: failure, failedAt: now() } });
    throw error;
  }
  if (!stored) throw new Error("the agent finished without delivering its answer");
  return { message: stored, agentName: agent.name };
}
