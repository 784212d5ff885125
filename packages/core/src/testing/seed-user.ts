import { randomUUID } from "node:crypto";
import type { Database } from "@codelab/db";
import { createMetrics } from "../metrics/metrics.js";
import type { AgentRecord } from "../agents/agent-select.js";
import { listAgents } from "../agents/list-agents.js";
import { createProject } from "../projects/create-project.js";
import type { ProjectRecord } from "../projects/project-select.js";
import { createSession } from "../sessions/create-session.js";
import type { SessionRecord } from "../sessions/session-select.js";
import type { UserRecord } from "../users/user-select.js";
import { userSelect } from "../users/user-select.js";

export interface SeededUser {
  user: UserRecord;
  project: ProjectRecord;
  agents: AgentRecord[];
  session: SessionRecord;
}

const metrics = createMetrics();

/** A whole tenant: a user with one project (starter pack included) and one chat session. */
export async function seedUser(db: Database, { email }: { email?: string } = {}): Promise<SeededUser> {
  const id = randomUUID();
  const user = await db.user.create({
    data: { id, email: email ?? `user-${id}@example.test`, username: `user-${id.slice(0, 8)}` },
    select: userSelect,
  });
  const project = await createProject({ db, metrics }, { userId: user.id, name: "Seeded project" });
  const { agents } = await listAgents({ db }, { userId: user.id, projectId: project.id, limit: 100, offset: 0 });
  const session = await createSession({ db }, { userId: user.id, projectId: project.id, topic: "Seeded session" });
  return { user, project, agents, session };
}
