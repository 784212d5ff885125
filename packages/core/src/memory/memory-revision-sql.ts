import { Prisma } from "@codelab/db";

/**
 * The agent's memory revision (0 before its first memory) as a column of the caller's own
 * statement, read where the caller reads the agent anyway, to hand to `MemoryStore.search`.
 * `agentId` is an SQL expression. The revisions are kept by the embedded store; with another
 * store the column reads 0 and the store ignores it.
 */
export const memoryRevisionSql = (agentId: Prisma.Sql): Prisma.Sql =>
  Prisma.sql`coalesce((SELECT revision FROM agent_memory_revisions WHERE agent_id = ${agentId}), 0)`;
