import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ChatUser } from "../chat/chat-fixture.js";
import { trpcFailureOf, type RestError } from "../testing/index.js";
import { orchestrate, planJson, planPath, plansPath, startPlanFixture, waitForPlanEnd, type PlanFixture, type RestPlan } from "./plan-fixture.js";

let fixture: PlanFixture;
let alice: ChatUser;

beforeAll(async () => {
  fixture = await startPlanFixture();
  alice = await fixture.addUser();
});
afterEach(() => fixture.reset());
afterAll(() => fixture.close());

let requests = 0;

/** A plan held for approval: its one task goes to CodeAssistant, which can run code. Each request is new, so none comes from the plan cache. */
async function pendingPlan(user: ChatUser = alice): Promise<RestPlan> {
  requests += 1;
  fixture.planWith(planJson(["t1", "CodeAssistant"]));
  const response = await orchestrate(user, await user.createSession(), `Write function number ${requests}`);
  if (response.body.status !== "pending_approval") throw new Error(`expected a pending plan, got ${response.status} ${response.body.status}`);
  return response.body;
}

const decide = (user: ChatUser, planId: string, decision: "approve" | "reject", body?: unknown) =>
  user.rest.request<RestPlan | RestError>("POST", `${planPath(user.projectId, planId)}${decision}/`, { json: body });

const errorOf = (response: { body: unknown }) => (response.body as RestError).error;

describe("approving a plan", () => {
  it("starts it: the plan runs to its end and plan-approve is recorded once", async () => {
    const plan = await pendingPlan();

    const approved = await decide(alice, plan.id, "approve", { version: 1 });
    const ended = await waitForPlanEnd(alice, plan.id);

    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ id: plan.id, status: "executing" });
    expect(ended.status).toBe("completed");
    const types = (await fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId: plan.session_id! })).map(({ type }) => type);
    expect(types.slice(0, 4)).toEqual(["plan-create", "plan-approval-request", "plan-approve", "plan-start"]);
    expect(types.filter((type) => type === "plan-approve")).toHaveLength(1);
    expect(types.at(-1)).toBe("plan-end");
  });

  it("moves the plan exactly once when 50 approvals race", async () => {
    const plan = await pendingPlan();

    const responses = await Promise.all(Array.from({ length: 50 }, () => decide(alice, plan.id, "approve")));

    const statuses = responses.map(({ status }) => status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    for (const response of responses.filter(({ status }) => status === 409)) {
      expect(errorOf(response)).toMatchObject({ code: "PLAN_STATE_CONFLICT", details: { status: expect.stringMatching(/^(executing|completed)$/) as string } });
    }
    const approvals = await fixture.server.deps.db.planEventOutbox.count({ where: { planId: plan.id, type: "plan-approve" } });
    expect(approvals).toBe(1);
    await waitForPlanEnd(alice, plan.id);
  });

  it("refuses a version other than the one stored with 409 and the current status and version", async () => {
    const plan = await pendingPlan();

    const response = await decide(alice, plan.id, "approve", { version: 2 });

    expect(response.status).toBe(409);
    expect(errorOf(response)).toMatchObject({ code: "PLAN_STATE_CONFLICT", details: { status: "pending_approval", version: 1 } });
    expect((await alice.rest.get<RestPlan>(planPath(alice.projectId, plan.id))).body.status).toBe("pending_approval");
  });

  it("works over tRPC too, answering with the plan", async () => {
    const plan = await pendingPlan();

    const approved = await alice.trpc.plans.approve.mutate({ projectId: alice.projectId, planId: plan.id });

    expect(approved).toMatchObject({ id: plan.id, status: "executing", tasks: [expect.objectContaining({ taskId: "t1" })] });
    await waitForPlanEnd(alice, plan.id);
  });

  it("is refused with BUDGET_EXCEEDED when running the plan would pass the daily cap, leaving it waiting", async () => {
    const bob = await fixture.addUser();
    const plan = await pendingPlan(bob);
    await bob.rest.patch("/my/settings/", { daily_budget_usd: (plan.estimate.cost_usd ?? 0) / 2 });

    const response = await decide(bob, plan.id, "approve");

    expect(response.status).toBe(402);
    expect(errorOf(response)).toMatchObject({ code: "BUDGET_EXCEEDED", details: { estimatedCostUsd: expect.closeTo(plan.estimate.cost_usd ?? 0, 6) as number } });
    expect((await bob.rest.get<RestPlan>(planPath(bob.projectId, plan.id))).body.status).toBe("pending_approval");
  });
});

describe("rejecting a plan", () => {
  it("ends it rejected by the user, and any later decision is refused with 409 and the status", async () => {
    const plan = await pendingPlan();

    const rejected = await decide(alice, plan.id, "reject");
    const approveAfter = await decide(alice, plan.id, "approve");
    const rejectAgain = await decide(alice, plan.id, "reject");
    const trpcApprove = await trpcFailureOf(alice.trpc.plans.approve.mutate({ projectId: alice.projectId, planId: plan.id }));

    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: "rejected", end_reason: "user", tasks: [expect.objectContaining({ status: "pending" })] });
    for (const response of [approveAfter, rejectAgain]) {
      expect(response.status).toBe(409);
      expect(errorOf(response)).toMatchObject({ code: "PLAN_STATE_CONFLICT", details: { status: "rejected", endReason: "user" } });
    }
    expect(trpcApprove).toMatchObject({ httpStatus: 409, appCode: "PLAN_STATE_CONFLICT", details: { status: "rejected" } });
    const types = (await fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId: plan.session_id! })).map(({ type }) => type);
    expect(types).toEqual(["plan-create", "plan-approval-request", "plan-reject"]);
    // The planning call was the only one: nothing of the rejected plan ran.
    expect(fixture.llm.requests.filter((request) => request.path === "/v1/chat/completions")).toHaveLength(1);
    expect(fixture.planningCalls()).toBe(1);
  });
});

describe("listing plans", () => {
  it("pages the project's plans newest first", async () => {
    const carol = await fixture.addUser();
    const first = await pendingPlan(carol);
    const second = await pendingPlan(carol);

    const page = await carol.rest.get<{ plans: RestPlan[]; total: number }>(`${plansPath(carol.projectId)}?limit=1&offset=0`);
    const next = await carol.trpc.plans.list.query({ projectId: carol.projectId, limit: 1, offset: 1 });

    expect(page.body.total).toBe(2);
    expect(page.body.plans.map(({ id }) => id)).toEqual([second.id]);
    expect(next.plans.map(({ id }) => id)).toEqual([first.id]);
  });
});
