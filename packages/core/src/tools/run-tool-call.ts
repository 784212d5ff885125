import { randomUUID } from "node:crypto";
import type { Database } from "@codelab/db";
import { AppError, isAppError, type JsonValue } from "../errors/app-error.js";
import type { EventBus, EventScope } from "../events/event-bus.js";
import type { EventFailure, EventOf, ToolSubject } from "../events/event-map.js";
import type { ToolCall } from "../llm/llm-client.js";
import type { LlmLogger } from "../llm/llm-logger.js";
import { truncateChars } from "../llm/output-collector.js";
import type { Metrics } from "../metrics/metrics.js";
import type { Clock } from "../ports/clock.js";
import type { ProjectWorkspace } from "../workspace/project-workspace.js";
import type { ToolAttachment, Tool } from "./tool.js";
import type { ToolApprovalGate } from "./tool-approval-gate.js";
import { auditedArguments, parseToolArguments } from "./tool-arguments.js";
import type { ToolRuntime } from "./tool-runtime.js";
import type { ToolTimeBudget } from "./tool-time-budget.js";

export interface ToolCallDependencies {
  db: Database;
  events: EventBus;
  clock: Clock;
  metrics: Metrics;
  logger: LlmLogger;
  tools: ToolRuntime;
}

/** Who is calling, from the execution context: never from the model. */
export interface ToolCallScope {
  userId: string;
  projectId: string;
  agentId: string;
  agentName: string;
  /** Where the call is recorded as a `tool` message and announced; null when the work belongs to no session. */
  sessionId: string | null;
  planId: string | null;
  taskId: string | null;
  messageId: string | null;
}

export interface ToolCallSettings {
  scope: ToolCallScope;
  /** The tools the agent holds; a call to any other is refused. */
  allowedTools: readonly string[];
  workspace: ProjectWorkspace;
  approval: ToolApprovalGate;
  budget: ToolTimeBudget;
  signal: AbortSignal;
}

export type ToolCallStatus = "completed" | "failed" | "rejected";

export interface ToolCallOutcome {
  toolCallId: string;
  call: ToolCall;
  status: ToolCallStatus;
  /** What the model reads back. */
  content: string;
  attachments: ToolAttachment[];
  durationMilliseconds: number;
}

interface Ending {
  status: ToolCallStatus;
  reason: string | null;
  content: string;
  attachments?: ToolAttachment[];
  error?: EventFailure;
}

const rejectionTexts = {
  rejected: "The user declined to run this tool call. Do not retry it; answer without it or ask the user.",
  expired: "Nobody approved this tool call in time, so it was not run. Answer without it or ask the user.",
} as const;

/**
 * One tool call, start to end: check the tool is the agent's and the arguments fit its schema
 * (mistakes go back to the model as the result, never as a crash), ask for approval when the tool
 * is dangerous, run it within its time limit and the turn's budget, then audit it, store it as a
 * `tool` message and announce it.
 */
export async function runToolCall(deps: ToolCallDependencies, settings: ToolCallSettings, call: ToolCall): Promise<ToolCallOutcome> {
  const { db, clock } = deps;
  const { scope } = settings;
  const toolCallId = randomUUID();
  const input = auditedArguments(call.arguments);
  const tool = settings.allowedTools.includes(call.name) ? deps.tools.registry.get(call.name) : undefined;
  const subject: ToolSubject = {
    toolCallId,
    toolName: call.name.slice(0, 64),
    agentId: scope.agentId,
    messageId: scope.messageId,
    planId: scope.planId,
    taskId: scope.taskId,
  };
  const parsed = tool ? parseToolArguments(tool, call.arguments) : undefined;
  await db.toolInvocation.create({
    data: {
      id: toolCallId,
      userId: scope.userId,
      projectId: scope.projectId,
      agentId: scope.agentId,
      sessionId: scope.sessionId,
      planId: scope.planId,
      taskId: scope.taskId,
      messageId: scope.messageId,
      modelCallId: call.id.slice(0, 255),
      tool: subject.toolName,
      risk: tool?.risk ?? "unknown",
      arguments: input ?? {},
      status: !parsed?.ok ? "failed" : tool?.risk === "dangerous" ? "pending" : "running",
    },
  });
  await announce(deps, scope, { type: "tool-start", payload: { ...subject, input, startedAt: clock.now().toISOString() } });
  // The run's own duration: time waiting for the user's approval is not the tool's.
  let startedAt = performance.now();
  let approved = false;
  const finish = (ending: Ending) => recordEnding(deps, settings, { subject, call, input, startedAt, approved }, ending);

  if (!tool) {
    const available = settings.allowedTools.join(", ") || "none";
    return finish({ status: "failed", reason: "unknown_tool", content: `There is no tool named "${call.name}" for you. Your tools: ${available}.` });
  }
  if (!parsed?.ok) return finish({ status: "failed", reason: "invalid_arguments", content: parsed?.message ?? "" });
  if (tool.risk === "dangerous") {
    const decision = await settings.approval.decide({ invocationId: toolCallId, toolName: tool.name, input }, settings.signal);
    if (decision !== "approved") {
      return finish({ status: "rejected", reason: decision === "expired" ? "approval_timeout" : "user", content: rejectionTexts[decision] });
    }
    await db.toolInvocation.updateMany({ where: { id: toolCallId, userId: scope.userId }, data: { status: "running" } });
    approved = true;
    startedAt = performance.now();
  }
  return finish(await execute(deps, settings, tool, parsed.input));
}

async function execute(deps: ToolCallDependencies, settings: ToolCallSettings, tool: Tool, input: unknown): Promise<Ending> {
  const timeoutMilliseconds = Math.floor(Math.min(tool.limits.timeoutMilliseconds, settings.budget.remainingMilliseconds()));
  if (timeoutMilliseconds <= 0) {
    return { status: "failed", reason: "budget_exhausted", content: "This turn has used up its tool time; answer with what you have." };
  }
  const timeout = AbortSignal.timeout(timeoutMilliseconds);
  const signal = AbortSignal.any([settings.signal, timeout]);
  const { scope, workspace } = settings;
  const stopTimer = deps.metrics.toolSeconds.startTimer({ tool: tool.name });
  try {
    // Raced with the signal so a tool that ignores it still cannot hold the turn past its limit.
    const result = await Promise.race([
      tool.run(input, { userId: scope.userId, projectId: scope.projectId, agentId: scope.agentId, workspace, signal }),
      rejectOnAbort(signal),
    ]);
    return {
      status: result.isError ? "failed" : "completed",
      reason: result.isError ? "tool_error" : null,
      content: truncateChars(result.content, tool.limits.maxResultChars),
      attachments: result.attachments ?? [],
    };
  } catch (error) {
    if (settings.signal.aborted) throw new AppError("LLM_CANCELLED", "The turn was cancelled while a tool ran.", { cause: error });
    if (timeout.aborted) {
      return { status: "failed", reason: "timeout", content: `The tool did not finish within ${timeoutMilliseconds} ms and was stopped.` };
    }
    if (isAppError(error)) return { status: "failed", reason: "tool_error", content: `Error: ${error.message}`, error: { code: error.code, message: error.message } };
    deps.logger.warn("a tool failed unexpectedly", { tool: tool.name, error: String(error) });
    return { status: "failed", reason: "internal", content: "Error: the tool failed unexpectedly.", error: { code: "INTERNAL", message: "Internal error" } };
  } finally {
    stopTimer();
  }
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error);
    signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
}

interface CallRecord {
  subject: ToolSubject;
  call: ToolCall;
  input: JsonValue;
  startedAt: number;
  /** A dangerous call that ran with approval (the user's, or the plan's). */
  approved: boolean;
}

/** Audit row and `tool` message in one transaction, then the `tool-end` event. */
async function recordEnding(deps: ToolCallDependencies, settings: ToolCallSettings, record: CallRecord, ending: Ending): Promise<ToolCallOutcome> {
  const { db, clock, metrics } = deps;
  const { scope } = settings;
  const { subject, call, input, startedAt, approved } = record;
  const durationMilliseconds = Math.round(performance.now() - startedAt);
  const attachments = ending.attachments ?? [];
  const now = clock.now();
  await db.$transaction([
    db.toolInvocation.updateMany({
      where: { id: subject.toolCallId, userId: scope.userId },
      data: { status: ending.status, statusReason: ending.reason, durationMs: durationMilliseconds, completedAt: now },
    }),
    ...(scope.sessionId
      ? [
          db.message.create({
            data: {
              sessionId: scope.sessionId,
              userId: scope.userId,
              role: "tool",
              content: ending.content,
              agentId: scope.agentId,
              planId: scope.planId,
              metadata: {
                toolCallId: subject.toolCallId,
                toolName: subject.toolName,
                agentName: scope.agentName,
                input,
                status: ending.status,
                reason: ending.reason,
                approved,
                attachments: attachments.map(({ path, mediaType }) => ({ path, mediaType })),
                durationMilliseconds,
                ...(scope.taskId ? { taskId: scope.taskId } : {}),
                ...(scope.messageId ? { replyMessageId: scope.messageId } : {}),
              },
            },
            select: { id: true },
          }),
        ]
      : []),
  ]);
  metrics.toolCalls.inc({ tool: subject.toolName, status: ending.status });
  await announce(deps, scope, {
    type: "tool-end",
    payload: {
      ...subject,
      status: ending.status,
      output: ending.content,
      // Set only when the tool raised an error; other failures are told by `status` and `output`.
      error: ending.error ?? null,
      attachments: attachments.map(({ path, mediaType }) => ({ path, mediaType })),
      latencyMilliseconds: durationMilliseconds,
      endedAt: now.toISOString(),
    },
  });
  return { toolCallId: subject.toolCallId, call, status: ending.status, content: ending.content, attachments, durationMilliseconds };
}

type ToolEvent = EventOf<"tool-start"> | EventOf<"tool-end">;

/** Tool events go to the session's stream; work outside any session has no live audience. */
async function announce({ events }: ToolCallDependencies, scope: ToolCallScope, event: ToolEvent): Promise<void> {
  if (!scope.sessionId) return;
  const eventScope: EventScope = { userId: scope.userId, projectId: scope.projectId, sessionId: scope.sessionId };
  await events.publish(eventScope, event);
}
