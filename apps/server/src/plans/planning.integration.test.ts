import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { listAgents, planCacheKey } from "@codelab/core";
import { messagesPath, type ChatUser } from "../chat/chat-fixture.js";
import type { RestError, RestMessage } from "../testing/index.js";
import { orchestrate, planJson, planPath, startPlanFixture, waitForPlanEnd, type PlanFixture, type RestPlan } from "./plan-fixture.js";

let fixture: PlanFixture;
let alice: ChatUser;

beforeAll(async () => {
  fixture = await startPlanFixture();
  alice = await fixture.addUser();
});
afterEach(() => fixture.reset());
afterAll(() => fixture.close());

// The planner runs on OPENAI_MODEL ("test-model"), which the shipped table prices at its default: $2.50 in, $10 out per 1M tokens.
const planningCost = (calls: number) => (calls * (400 * 2.5 + 100 * 10)) / 1_000_000;

async function storedMessages(user: ChatUser, sessionId: string) {
  return (await user.rest.get<{ messages: RestMessage[] }>(messagesPath(user.projectId, sessionId))).body.messages;
}

const sum = (values: Array<number | null>) => values.reduce<number>((total, value) => total + (value ?? 0), 0);

describe("a message without target_agent", () => {
  it("answers 202 with the plan, which waits for approval because a task goes to an agent that runs code", async () => {
    const sessionId = await alice.createSession();
    fixture.planWith(planJson(["t1", "CodeAssistant"], ["t2", "DocumentWriter", ["t1"]]));

    const response = await orchestrate(alice, sessionId, "Write a CSV parser and document it");

    expect(response.status).toBe(202);
    const plan = response.body;
    expect(plan).toMatchObject({
      kind: "plan",
      session_id: sessionId,
      request: "Write a CSV parser and document it",
      status: "pending_approval",
      requires_approval: true,
      cached: false,
      version: 1,
      started_at: null,
    });
    expect(plan.approval_reason).toBe("Tasks use agents with tools that run code: CodeAssistant (code_executor).");
    expect(Date.parse(plan.approval_expires_at!) - Date.parse(plan.created_at)).toBe(300_000);
    expect(plan.tasks.map(({ task_id, agent_name, agent_id, dependencies, risk_level, status }) => [task_id, agent_name, agent_id, dependencies, risk_level, status])).toEqual([
      ["t1", "CodeAssistant", alice.agents.CodeAssistant?.id, [], "high", "pending"],
      ["t2", "DocumentWriter", alice.agents.DocumentWriter?.id, ["t1"], "low", "pending"],
    ]);
    for (const { estimate } of plan.tasks) {
      expect(estimate.input_tokens).toBeGreaterThan(0);
      expect(estimate.output_tokens).toBeGreaterThan(0);
      expect(estimate.cost_usd).toBeGreaterThan(0);
      expect(estimate.duration_milliseconds).toBeGreaterThan(0);
    }
    // A chain: its critical path is the whole chain.
    expect(plan.estimate.duration_milliseconds).toBe(sum(plan.tasks.map((task) => task.estimate.duration_milliseconds)));
    expect(plan.estimate.cost_usd).toBeCloseTo(sum(plan.tasks.map((task) => task.estimate.cost_usd)), 12);
    expect(fixture.planningCalls()).toBe(1);
    expect(fixture.llm.requests.filter((request) => request.path === "/v1/chat/completions")).toHaveLength(1);
  });

  it("stores the plan with its tasks, links the asking message to it and records plan-create then plan-approval-request", async () => {
    const sessionId = await alice.createSession();
    fixture.planWith(planJson(["t1", "DataAnalyst"], ["t2", "DocumentWriter"], ["t3", "DocumentWriter", ["t1", "t2"]]));

    const { body: created } = await orchestrate(alice, sessionId, "Chart the sales and summarise them");
    const stored = await alice.rest.get<RestPlan>(planPath(alice.projectId, created.id));
    const listed = await alice.rest.get<{ plans: RestPlan[]; total: number }>(`/my/projects/${alice.projectId}/chat/sessions/${sessionId}/plans/`);
    const messages = await storedMessages(alice, sessionId);
    const events = await fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId });

    const { kind, ...plan } = created;
    expect(kind).toBe("plan");
    expect(stored.body).toEqual(plan);
    expect(listed.body.total).toBe(1);
    expect(listed.body.plans[0]).toMatchObject({ id: plan.id, status: "pending_approval" });
    expect(listed.body.plans[0]).not.toHaveProperty("tasks");
    expect(messages).toEqual([expect.objectContaining({ role: "user", plan_id: plan.id, cost: expect.closeTo(planningCost(1), 12) as number })]);
    expect(events.map(({ type }) => type)).toEqual(["plan-create", "plan-approval-request"]);
    const [create, approvalRequest] = events;
    expect(create?.planId).toBe(plan.id);
    expect(create?.type === "plan-create" && create.payload).toMatchObject({
      status: "created",
      requiresApproval: true,
      cached: false,
      estimate: { totalCostUsd: plan.estimate.cost_usd, totalDurationMilliseconds: plan.estimate.duration_milliseconds },
      tasks: plan.tasks.map((task) => ({
        taskId: task.task_id,
        agentName: task.agent_name,
        agentId: task.agent_id,
        dependencies: task.dependencies,
        status: "pending",
        estimate: {
          inputTokens: task.estimate.input_tokens,
          outputTokens: task.estimate.output_tokens,
          costUsd: task.estimate.cost_usd,
          durationMilliseconds: task.estimate.duration_milliseconds,
        },
      })),
    });
    expect(approvalRequest?.type === "plan-approval-request" && approvalRequest.payload).toMatchObject({
      planId: plan.id,
      expiresAt: plan.approval_expires_at,
      approvalReason: plan.approval_reason,
    });
    // Two independent tasks then one that needs both: the critical path is the longer first task plus the last.
    const duration = (taskId: string) => plan.tasks.find((task) => task.task_id === taskId)!.estimate.duration_milliseconds!;
    expect(plan.estimate.duration_milliseconds).toBe(Math.max(duration("t1"), duration("t2")) + duration("t3"));
  });

  it("runs a cheap plan of safe agents at once, and reuses its structure from the cache for the same request", async () => {
    const first = await alice.createSession();
    fixture.planWith(planJson(["t1", "DocumentWriter"]));

    const response = await orchestrate(alice, first, "Write the release notes.");
    const ended = await waitForPlanEnd(alice, response.body.id);

    expect(response.body).toMatchObject({ status: "executing", requires_approval: false, approval_reason: null, approval_expires_at: null });
    expect(ended.status).toBe("completed");
    await cachedStructureFor(alice, "Write the release notes.");

    fixture.reset();
    const again = await orchestrate(alice, await alice.createSession(), "  write the RELEASE notes ");
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ cached: true, status: "executing" });
    expect(again.body.tasks.map(({ task_id, agent_name }) => [task_id, agent_name])).toEqual([["t1", "DocumentWriter"]]);
    expect(fixture.planningCalls()).toBe(0);
    await waitForPlanEnd(alice, again.body.id);

    const writer = alice.agents.DocumentWriter!;
    await alice.rest.patch(`/my/projects/${alice.projectId}/agents/${writer.id}/`, { system_prompt: "You write release notes in verse." });
    fixture.planWith(planJson(["t1", "DocumentWriter"]));
    const afterChange = await orchestrate(alice, await alice.createSession(), "Write the release notes");
    expect(afterChange.body.cached).toBe(false);
    expect(fixture.planningCalls()).toBe(1);
    await waitForPlanEnd(alice, afterChange.body.id);
  });

  it("holds back a cheap, safe plan when the user's approval threshold is below its estimate", async () => {
    const bob = await fixture.addUser();
    const settings = await bob.rest.patch<{ approval_threshold_usd: number; daily_budget_usd: number | null }>("/my/settings/", { approval_threshold_usd: 0 });
    fixture.planWith(planJson(["t1", "DocumentWriter"]));

    const response = await orchestrate(bob, await bob.createSession(), "Write a haiku about queues");

    expect(settings.body).toEqual({ approval_threshold_usd: 0, daily_budget_usd: null });
    expect(response.body.status).toBe("pending_approval");
    expect(response.body.approval_reason).toMatch(/^The estimated cost of \$0\.\d+ exceeds your approval threshold of \$0\.00\.$/);
  });
});

/** The engine caches a completed plan just after committing its end; wait for that. */
async function cachedStructureFor(user: ChatUser, request: string) {
  const { deps } = fixture.server;
  const { agents } = await listAgents(deps, { userId: user.userId, projectId: user.projectId, limit: 100, offset: 0 });
  const key = planCacheKey({ userId: user.userId, request, agents });
  const deadline = Date.now() + 10_000;
  while (!(await deps.planCache.get(key))) {
    if (Date.now() > deadline) throw new Error("the completed plan was never cached");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("a request that cannot be planned", () => {
  it("answers 502 PLANNING_FAILED after one repair, creates no plan and says why in the session", async () => {
    const sessionId = await alice.createSession();
    fixture.planWith("I cannot do that.", "Really, I cannot.");

    const response = await orchestrate(alice, sessionId, "Plan my week");
    const messages = await storedMessages(alice, sessionId);
    const plans = await alice.rest.get<{ total: number }>(`/my/projects/${alice.projectId}/chat/sessions/${sessionId}/plans/`);
    const events = await fixture.server.deps.events.read({ userId: alice.userId, projectId: alice.projectId, sessionId });

    expect(response.status).toBe(502);
    expect((response.body as unknown as RestError).error).toMatchObject({ code: "PLANNING_FAILED", details: { attempts: 2 } });
    expect(fixture.planningCalls()).toBe(2);
    expect(plans.body.total).toBe(0);
    expect(events).toEqual([]);
    expect(messages.map(({ role, plan_id }) => [role, plan_id])).toEqual([
      ["user", null],
      ["assistant", null],
    ]);
    expect(messages[0]?.cost).toBeCloseTo(planningCost(2), 12);
    expect(messages[1]?.content).toContain("I could not make a plan for this request.");
    expect(messages[1]?.metadata).toMatchObject({ error: { code: "PLANNING_FAILED" } });
  });

  it("answers 422 PLAN_INVALID naming the tasks of a cycle that survived the repair", async () => {
    const cycle = planJson(["a", "CodeAssistant", ["b"]], ["b", "DocumentWriter", ["a"]]);
    fixture.planWith(cycle, cycle);

    const response = await orchestrate(alice, await alice.createSession(), "Loop forever");

    expect(response.status).toBe(422);
    const { error } = response.body as unknown as RestError;
    expect(error).toMatchObject({ code: "PLAN_INVALID", details: { reason: "cycle" } });
    expect(error.message).toContain("form a cycle");
    const [problem] = error.details.problems as Array<{ problem: string; taskIds: string[] }>;
    expect(problem?.problem).toBe("cycle");
    expect([...problem!.taskIds].sort()).toEqual(["a", "b"]);
  });
});

describe("the daily budget", () => {
  it("refuses a plan and a direct call that would pass the cap before any model call, with the numbers", async () => {
    const carol = await fixture.addUser();
    const sessionId = await carol.createSession();
    await carol.rest.patch("/my/settings/", { daily_budget_usd: 0.000001 });

    const planned = await orchestrate(carol, sessionId, "Write the release notes");
    const direct = await carol.send(sessionId, { content: "Hello", target_agent: "DocumentWriter" });

    for (const response of [planned, direct]) {
      expect(response.status).toBe(402);
      const { error } = response.body as unknown as RestError;
      expect(error).toMatchObject({ code: "BUDGET_EXCEEDED", details: { dailyBudgetUsd: 0.000001, spentTodayUsd: 0 } });
      expect(error.details.estimatedCostUsd).toBeGreaterThan(0.000001);
      expect(typeof error.details.resetsAt).toBe("string");
    }
    expect(fixture.llm.requests.filter((request) => request.path === "/v1/chat/completions")).toHaveLength(0);
    expect(await storedMessages(carol, sessionId)).toEqual([]);

    await carol.rest.patch("/my/settings/", { daily_budget_usd: 5 });
    fixture.planWith(planJson(["t1", "DocumentWriter"]));
    expect((await orchestrate(carol, sessionId, "Write the release notes")).status).toBe(202);
  });
});
