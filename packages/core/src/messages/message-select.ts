import type { Prisma } from "@codelab/db";

export const messageSelect = {
  id: true,
  sessionId: true,
  role: true,
  content: true,
  agentId: true,
  planId: true,
  promptTokens: true,
  completionTokens: true,
  totalTokens: true,
  cost: true,
  metadata: true,
  createdAt: true,
} satisfies Prisma.MessageSelect;

type MessageRow = Prisma.MessageGetPayload<{ select: typeof messageSelect }>;

export type MessageRecord = Omit<MessageRow, "metadata"> & { metadata: Record<string, Prisma.JsonValue> };

export function toMessageRecord(row: MessageRow): MessageRecord {
  const metadata = row.metadata && typeof row.metadata === "object" && !Array.isArray(row.metadata) ? row.metadata : {};
  return { ...row, metadata: metadata as Record<string, Prisma.JsonValue> };
}
