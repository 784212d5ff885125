import type { Database } from "@codelab/db";

const byId = { orderBy: { id: "asc" as const } };

/**
 * Every tenant row, whole, in a stable order: compare two snapshots to show a request changed nothing.
 * With `userId`, only that user's rows.
 */
export async function snapshotRows(db: Database, { userId }: { userId?: string } = {}) {
  const owned = userId === undefined ? {} : { userId };
  const [users, projects, agents, sessions, messages, plans, toolCalls] = await Promise.all([
    db.user.findMany({ where: userId === undefined ? {} : { id: userId }, ...byId }),
    db.userProject.findMany({ where: owned, ...byId }),
    db.userAgent.findMany({ where: owned, ...byId }),
    db.chatSession.findMany({ where: owned, ...byId }),
    db.message.findMany({ where: owned, ...byId }),
    db.taskPlan.findMany({ where: owned, ...byId }),
    db.toolInvocation.findMany({ where: owned, ...byId }),
  ]);
  return { users, projects, agents, sessions, messages, plans, toolCalls };
}
