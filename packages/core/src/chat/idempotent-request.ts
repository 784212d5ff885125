import { createHash } from "node:crypto";
import type { Database } from "@codelab/db";
import { AppError } from "../errors/app-error.js";
import { isUniqueViolation } from "../errors/prisma-errors.js";

export type IdempotentClaim =
  | { kind: "new"; requestId: string }
  /** The same key and body completed before: answer with that result. */
  | { kind: "replay"; assistantMessageId: string };

export function hashRequest(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(body)).digest("hex");
}

/**
 * Claims an idempotency key for one request body. A retry of a completed request replays it; a
 * retry while the first is still running is told so; the same key with another body is refused.
 * A failed request releases its key, so the client may retry it.
 */
export async function claimIdempotencyKey(
  { db }: { db: Database },
  { userId, sessionId, key, requestHash }: { userId: string; sessionId: string; key: string; requestHash: string },
): Promise<IdempotentClaim> {
  try {
    const created = await db.chatRequest.create({
      data: { userId, sessionId, idempotencyKey: key, requestHash, status: "in_progress" },
      select: { id: true },
    });
    return { kind: "new", requestId: created.id };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const existing = await db.chatRequest.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey: key } },
    select: { requestHash: true, sessionId: true, status: true, assistantMessageId: true },
  });
  if (!existing || existing.requestHash !== requestHash || existing.sessionId !== sessionId) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This Idempotency-Key was used for a different request", {
      details: { field: "idempotency_key" },
    });
  }
  if (existing.status === "completed" && existing.assistantMessageId) {
    return { kind: "replay", assistantMessageId: existing.assistantMessageId };
  }
  throw new AppError("REQUEST_IN_PROGRESS", "A request with this Idempotency-Key is still being answered", {
    details: { field: "idempotency_key" },
  });
}

export async function completeIdempotentRequest(db: Database, requestId: string, assistantMessageId: string): Promise<void> {
  await db.chatRequest.update({ where: { id: requestId }, data: { status: "completed", assistantMessageId } });
}

export async function releaseIdempotentRequest(db: Database, requestId: string): Promise<void> {
  await db.chatRequest.deleteMany({ where: { id: requestId, status: "in_progress" } });
}
