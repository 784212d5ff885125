import type { Database } from "@codelab/db";
import { AppError } from "../../errors/app-error.js";
import type { EventBus, EventScope } from "../../events/event-bus.js";
import type { ToolSubject } from "../../events/event-map.js";
import type { LlmLogger } from "../../llm/llm-logger.js";
import type { Clock } from "../../ports/clock.js";
import type { ApprovalOutcome, ToolApprovalGate } from "../tool-approval-gate.js";
import { expireToolApproval } from "./expire-tool-approval.js";

export interface UserApprovalGateDependencies {
  db: Database;
  events: EventBus;
  clock: Clock;
  logger: LlmLogger;
}

export interface UserApprovalGateOptions {
  scope: EventScope;
  subject: Omit<ToolSubject, "toolCallId" | "toolName">;
  timeoutSeconds: number;
  /** How often the stored decision is re-read when no event arrives (another instance decided, the bus lost a wake-up). */
  pollMilliseconds?: number;
}

/**
 * Direct mode: a dangerous tool call asks the user and waits. The stored row is the truth (status
 * and expiry), so the answer may come through any server instance; the `tool-approval-end` event
 * only wakes the wait early.
 */
export function createUserApprovalGate(deps: UserApprovalGateDependencies, options: UserApprovalGateOptions): ToolApprovalGate {
  const { db, events, clock, logger } = deps;
  const { scope, subject, timeoutSeconds, pollMilliseconds = 1_000 } = options;
  return {
    async decide({ invocationId, toolName, input }, signal) {
      const expiresAt = new Date(clock.now().getTime() + timeoutSeconds * 1000);
      await db.toolInvocation.updateMany({
        where: { id: invocationId, userId: scope.userId, status: "pending" },
        data: { status: "awaiting_approval", approvalExpiresAt: expiresAt },
      });
      const waiting = new AbortController();
      const wakeUps = await watchDecisions(events, scope, invocationId, AbortSignal.any([signal, waiting.signal]), logger);
      try {
        await events.publish(scope, {
          type: "tool-approval-request",
          payload: {
            ...subject,
            toolCallId: invocationId,
            toolName,
            input,
            reason: `${toolName} runs code on your behalf`,
            expiresAt: expiresAt.toISOString(),
          },
        });
        for (;;) {
          const outcome = await storedOutcome(deps, invocationId, scope.userId);
          if (outcome) return outcome;
          if (clock.now() >= expiresAt) {
            await expireToolApproval(deps, { scope, invocationId });
            continue;
          }
          if (signal.aborted) {
            await cancelWaiting(deps, invocationId, scope, { ...subject, toolCallId: invocationId, toolName });
            throw new AppError("LLM_CANCELLED", "The turn was cancelled while a tool call waited for approval.");
          }
          const untilExpiry = Math.max(0, expiresAt.getTime() - clock.now().getTime());
          await wakeUps.next(Math.min(pollMilliseconds, untilExpiry), signal);
        }
      } finally {
        waiting.abort();
      }
    },
  };
}

async function storedOutcome({ db }: UserApprovalGateDependencies, invocationId: string, userId: string): Promise<ApprovalOutcome | undefined> {
  const row = await db.toolInvocation.findFirst({ where: { id: invocationId, userId }, select: { status: true, statusReason: true } });
  if (!row || row.status === "approved") return row ? "approved" : "rejected";
  if (row.status === "rejected") return row.statusReason === "approval_timeout" ? "expired" : "rejected";
  return undefined;
}

async function cancelWaiting(deps: UserApprovalGateDependencies, invocationId: string, scope: EventScope, subject: ToolSubject): Promise<void> {
  const now = deps.clock.now();
  const { count } = await deps.db.toolInvocation.updateMany({
    where: { id: invocationId, userId: scope.userId, status: "awaiting_approval" },
    data: { status: "rejected", statusReason: "cancelled", completedAt: now },
  });
  if (count === 1) {
    await deps.events.publish(scope, { type: "tool-approval-end", payload: { ...subject, decision: "rejected", reason: "cancelled", decidedAt: now.toISOString() } });
  }
}

interface WakeUps {
  /** Resolves on a decision event for this call, after `milliseconds`, or on abort, whichever is first. */
  next(milliseconds: number, signal: AbortSignal): Promise<void>;
}

/** Subscribes before the question is published, so a decision made at once still wakes the wait. */
async function watchDecisions(events: EventBus, scope: EventScope, invocationId: string, signal: AbortSignal, logger: LlmLogger): Promise<WakeUps> {
  let wake: (() => void) | undefined;
  // A decision that lands while nobody waits is kept, so the next wait returns at once.
  let decided = false;
  const subscription = await events.subscribe(scope, { signal });
  void (async () => {
    for await (const event of subscription) {
      if (event.type !== "tool-approval-end" || event.payload.toolCallId !== invocationId) continue;
      if (wake) wake();
      else decided = true;
    }
  })().catch((error: unknown) => {
    // The stored row stays the truth: without events the wait only re-reads it less promptly.
    logger.warn("tool approval wake-ups stopped; polling only", { invocationId, error: String(error) });
  });
  return {
    next(milliseconds, waitSignal) {
      if (decided) {
        decided = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waitSignal.removeEventListener("abort", done);
          wake = undefined;
          resolve();
        };
        const timer = setTimeout(done, milliseconds);
        waitSignal.addEventListener("abort", done, { once: true });
        wake = done;
      });
    },
  };
}
