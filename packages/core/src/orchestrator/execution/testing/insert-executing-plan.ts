import type { Database } from "@codelab/db";

/** Whose plan it is: what `seedUser` returns, or the same ids gathered over the API. */
export interface PlanOwner {
  user: { id: string };
  project: { id: string };
  session: { id: string };
  agents: ReadonlyArray<{ id: string; name: string }>;
}

/** One task of a test plan; its description starts `Task <id>:` so a scripted model can tell which task asks. */
export interface TestTask {
  taskId: string;
  dependencies?: string[];
  /** A starter agent's name; CodeAssistant by default. */
  agent?: string;
}

export const testTaskDescription = (taskId: string) => `Task ${taskId}: work on ${taskId}`;

/** The task a model request came from, read back from its last user message. */
export const testTaskOf = (input: string) => /^Task (\S+):/.exec(input)?.[1];

/** Inserts an `executing` plan of these tasks in the owner's session, as planning and approval leave one. */
export async function insertExecutingPlan(db: Database, tenant: PlanOwner, tasks: TestTask[], { request = "Do the work" }: { request?: string } = {}): Promise<string> {
  const agentByName = new Map(tenant.agents.map((agent) => [agent.name, agent]));
  const plan = await db.taskPlan.create({
    data: {
      userId: tenant.user.id,
      projectId: tenant.project.id,
      sessionId: tenant.session.id,
      originalRequest: request,
      status: "executing",
      totalEstimatedCost: 0.01,
      tasks: {
        create: tasks.map(({ taskId, dependencies = [], agent = "CodeAssistant" }) => ({
          taskId,
          description: testTaskDescription(taskId),
          agentId: agentByName.get(agent)!.id,
          agentName: agent,
          dependencies,
          expectedOutput: `The result of ${taskId}`,
        })),
      },
    },
    select: { id: true },
  });
  return plan.id;
}
