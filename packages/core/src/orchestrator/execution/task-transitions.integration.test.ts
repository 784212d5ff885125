import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlanEventScope } from "../../events/event-bus.js";
import { startExecutionFixture, type ExecutionFixture } from "./execution-test-fixture.js";
import { seedUser } from "../../testing/seed-user.js";
import { storeTaskTransitions, type TaskCompletion } from "./task-transitions.js";
import type { TestTask } from "./testing/insert-executing-plan.js";

let fixture: ExecutionFixture;

beforeAll(async () => {
  fixture = await startExecutionFixture();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

/** A plan of a user of its own: agent status depends on every running task of the agent, so no test sees another's. */
async function planOfNewUser(tasks: TestTask[]) {
  const tenant = await seedUser(fixture.deps.db);
  const planId = await fixture.insertPlan(tasks, { tenant });
  const scope: PlanEventScope = { planId, userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id };
  return { planId, scope, agents: tenant.agents };
}

async function eventsOf(planId: string) {
  const rows = await fixture.deps.db.planEventOutbox.findMany({ where: { planId }, orderBy: { id: "asc" }, select: { id: true, type: true, payload: true } });
  return rows.map((row) => ({ ...row, payload: row.payload as Record<string, unknown> }));
}

async function agentStatus(agentId: string) {
  return (await fixture.deps.db.userAgent.findUniqueOrThrow({ where: { id: agentId }, select: { status: true } })).status;
}

function answer(taskId: string, agentId: string, attempt: number, output: string): TaskCompletion {
  return {
    taskId,
    agentId,
    attempt,
    run: {
      completion: {
        content: output,
        model: "test-model",
        finishReason: "stop",
        usage: { promptTokens: 12, completionTokens: 3, estimated: false },
        toolCalls: [],
        provider: "openai-compatible",
        upstreamMilliseconds: 35,
      },
      cost: 0.001,
      toolCalls: [],
      memoriesUsed: 0,
      latencyMilliseconds: 40,
    },
  };
}

describe("task transitions", () => {
  it("claims several ready tasks in one statement, leaving out one that must not run, and shows their agents BUSY", async () => {
    const { planId, scope, agents } = await planOfNewUser([
      { taskId: "left", agent: "CodeAssistant" },
      { taskId: "right", agent: "DataAnalyst" },
      { taskId: "after", agent: "CodeAssistant", dependencies: ["left"] },
    ]);
    const [first, second] = agents;
    const { db } = fixture.deps;
    await db.userAgent.updateMany({ where: { id: { in: [first!.id, second!.id] } }, data: { status: "READY" } });

    const { claims: claimed } = await storeTaskTransitions(fixture.deps, scope, {
      completions: [],
      claims: [
      { taskId: "left", agentId: first!.id, agentName: first!.name, status: "pending", attempts: 0 },
      { taskId: "after", agentId: first!.id, agentName: first!.name, status: "pending", attempts: 0 },
        { taskId: "right", agentId: second!.id, agentName: second!.name, status: "pending", attempts: 0 },
      ],
    });

    expect(claimed.map((task) => task?.step.taskId)).toEqual(["left", undefined, "right"]);
    expect(claimed.map((task) => task?.attempt)).toEqual([1, undefined, 1]);
    expect(await fixture.statusesOf(planId)).toMatchObject({ left: "running", right: "running", after: "pending" });
    expect([await agentStatus(first!.id), await agentStatus(second!.id)]).toEqual(["BUSY", "BUSY"]);
    const starts = (await eventsOf(planId)).filter((event) => event.type === "task-start");
    expect(starts.map((event) => event.payload.taskId).sort()).toEqual(["left", "right"]);
    const recordedIds = await db.planEventOutbox.findMany({ where: { planId, type: "task-start" }, select: { id: true }, orderBy: { id: "asc" } });
    expect(claimed.flatMap((task) => (task ? [task.started.id] : [])).sort()).toEqual(recordedIds.map((row) => row.id));
  });

  it("stores an answer and claims its dependent in the same statement, which reads the answer as its input", async () => {
    const { planId, scope, agents } = await planOfNewUser([
      { taskId: "base", agent: "CodeAssistant" },
      { taskId: "next", agent: "DataAnalyst", dependencies: ["base"] },
    ]);
    const [first, second] = agents;
    await storeTaskTransitions(fixture.deps, scope, { completions: [], claims: [{ taskId: "base", agentId: first!.id, agentName: first!.name, status: "pending", attempts: 0 }] });

    const stored = await storeTaskTransitions(fixture.deps, scope, {
      completions: [answer("base", first!.id, 1, "the base result")],
      claims: [{ taskId: "next", agentId: second!.id, agentName: second!.name, status: "pending", attempts: 0 }],
    });

    expect(stored.completions[0]).toMatchObject({ status: "completed", output: "the base result" });
    expect(stored.claims[0]?.attempt).toBe(1);
    expect(stored.claims[0]?.step.dependencyOutputs).toEqual([{ taskId: "base", agentName: first!.name, output: "the base result" }]);
    expect(await fixture.statusesOf(planId)).toEqual({ base: "completed", next: "running" });
    expect([await agentStatus(first!.id), await agentStatus(second!.id)]).toEqual(["READY", "BUSY"]);
    const events = await eventsOf(planId);
    expect(events.map((event) => `${event.type} ${String(event.payload.taskId)}`)).toEqual(["task-start base", "task-end base", "task-start next"]);
    const completed = stored.completions[0]!;
    expect(completed.status === "completed" && completed.ended.id).toBe(events[1]!.id);
    expect(stored.claims[0]?.started.id).toBe(events[2]!.id);
  });

  it("keeps an agent BUSY when one of its tasks is answered while another is claimed", async () => {
    const { scope, agents } = await planOfNewUser([
      { taskId: "base", agent: "CodeAssistant" },
      { taskId: "next", agent: "CodeAssistant", dependencies: ["base"] },
    ]);
    const [first] = agents;
    await storeTaskTransitions(fixture.deps, scope, { completions: [], claims: [{ taskId: "base", agentId: first!.id, agentName: first!.name, status: "pending", attempts: 0 }] });

    await storeTaskTransitions(fixture.deps, scope, {
      completions: [answer("base", first!.id, 1, "done")],
      claims: [{ taskId: "next", agentId: first!.id, agentName: first!.name, status: "pending", attempts: 0 }],
    });

    expect(await agentStatus(first!.id)).toBe("BUSY");
  });

  it("refuses a claim riding with an answer that is not stored (the attempt was taken over)", async () => {
    const { planId, scope, agents } = await planOfNewUser([{ taskId: "base" }, { taskId: "next", dependencies: ["base"] }]);
    const [first] = agents;
    const claim = { taskId: "base", agentId: first!.id, agentName: first!.name, status: "pending" as const, attempts: 0 };
    await storeTaskTransitions(fixture.deps, scope, { completions: [], claims: [claim] });
    await storeTaskTransitions(fixture.deps, scope, { completions: [], claims: [{ ...claim, status: "running", attempts: 1 }] });

    const stale = await storeTaskTransitions(fixture.deps, scope, {
      completions: [answer("base", first!.id, 1, "from the first attempt")],
      claims: [{ taskId: "next", agentId: first!.id, agentName: first!.name, status: "pending", attempts: 0 }],
    });

    expect(stale).toEqual({ completions: [{ status: "superseded" }], claims: [undefined] });
    expect(await fixture.statusesOf(planId)).toEqual({ base: "running", next: "pending" });
  });
});
