import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expireOverdueApprovals } from "@codelab/core";
import { createFixedClock, type FixedClock } from "@codelab/core/testing";
import { createRestClient, signUp, startTestServer, type RestClient, type RestError, type RestProject, type RestSession, type TestServer } from "../testing/index.js";
import { planPath, type RestPlan } from "./plan-fixture.js";

// No provider configured: the built-in offline model plans. The clock is the test's, so expiry is decided by it alone.
let server: TestServer;
let clock: FixedClock;
let rest: RestClient;
let userId: string;
let projectId: string;

beforeAll(async () => {
  clock = createFixedClock(new Date());
  // A sweep interval far longer than the test, so only the sweeps the test runs decide anything.
  server = await startTestServer({ clock, env: { APPROVAL_SWEEP_INTERVAL_MS: "3600000" } });
  const user = await signUp(server.url);
  userId = user.userId;
  rest = createRestClient(server.url, user.token);
  projectId = (await rest.post<RestProject>("/my/projects/", { name: "Offline plans" })).body.id;
});
afterAll(() => server.close());

async function offlinePlan(content: string): Promise<RestPlan> {
  const session = await rest.post<RestSession>(`/my/projects/${projectId}/chat/sessions/`, { topic: "Plans" });
  const response = await rest.post<RestPlan>(`/my/projects/${projectId}/chat/${session.body.id}/message/`, { content });
  if (response.status !== 202) throw new Error(`planning failed: ${JSON.stringify(response.body)}`);
  return response.body;
}

const storedStatus = async (planId: string) =>
  server.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: { status: true, endReason: true } });

describe("the offline model", () => {
  it("plans a request over the project's agents with no provider at all", async () => {
    const plan = await offlinePlan("Analyse the sales data, write a Python script for the chart and document it");

    expect(server.description.llm).toContain("offline");
    expect(plan.tasks.map(({ task_id, agent_name, dependencies }) => [task_id, agent_name, dependencies])).toEqual([
      ["t1", "DataAnalyst", []],
      ["t2", "CodeAssistant", ["t1"]],
      ["t3", "DocumentWriter", ["t1", "t2"]],
    ]);
    expect(plan).toMatchObject({ status: "pending_approval", requires_approval: true, cached: false });
    expect(plan.approval_reason).toContain("DataAnalyst (python_exec)");
  });
});

describe("a plan nobody answers", () => {
  it("expires at its stored deadline: shown rejected with approval_timeout, and approving it is refused with 409", async () => {
    const plan = await offlinePlan("Write a script that renames files");

    clock.advance(299_999);
    const justBefore = await rest.get<RestPlan>(planPath(projectId, plan.id));
    clock.advance(1);
    const atDeadline = await rest.get<RestPlan>(planPath(projectId, plan.id));
    const approve = await rest.post(`${planPath(projectId, plan.id)}approve/`);

    expect(justBefore.body.status).toBe("pending_approval");
    expect(atDeadline.body).toMatchObject({ status: "rejected", end_reason: "approval_timeout" });
    expect(approve.status).toBe(409);
    expect((approve.body as RestError).error).toMatchObject({ code: "PLAN_STATE_CONFLICT", details: { status: "rejected", endReason: "approval_timeout" } });
    const events = await server.deps.events.read({ userId, projectId, sessionId: plan.session_id! });
    expect(events.at(-1)).toMatchObject({ type: "plan-reject", payload: { planId: plan.id, reason: "approval_timeout" } });
  });

  it("is rejected by the sweep with no request touching it, and a plan still in time is left waiting", async () => {
    // Plans of the earlier tests are overdue by now too; settle them first.
    await expireOverdueApprovals(server.deps);
    const overdue = await offlinePlan("Write a script that counts words");
    clock.advance(200_000);
    const inTime = await offlinePlan("Write a script that sorts lines");
    clock.advance(100_000);

    const expired = await expireOverdueApprovals(server.deps);

    expect(expired).toBe(1);
    expect(await storedStatus(overdue.id)).toEqual({ status: "rejected", endReason: "approval_timeout" });
    expect(await storedStatus(inTime.id)).toEqual({ status: "pending_approval", endReason: null });
    expect(await expireOverdueApprovals(server.deps)).toBe(0);
  });

  it("cannot be approved once rejected by the user either", async () => {
    const plan = await offlinePlan("Write a script that prints the date");

    const rejected = await rest.post<RestPlan>(`${planPath(projectId, plan.id)}reject/`);
    clock.advance(400_000);
    const later = await rest.get<RestPlan>(planPath(projectId, plan.id));

    expect(rejected.body).toMatchObject({ status: "rejected", end_reason: "user" });
    expect(later.body).toMatchObject({ status: "rejected", end_reason: "user" });
  });
});
