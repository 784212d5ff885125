import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { isAppError } from "../../errors/app-error.js";
import type { PlanEventScope } from "../../events/event-bus.js";
import { seedUser } from "../../testing/seed-user.js";
import { recordPlanEvents } from "../plan-events.js";
import type { PlanExecutor } from "../plan-executor.js";
import { storeTaskTransitions, type ClaimableTask } from "./task-transitions.js";
import { seenRequests, startExecutionFixture, type ExecutionFixture } from "./execution-test-fixture.js";
import { runTaskStep } from "./run-task-step.js";

let fixture: ExecutionFixture;
let executor: PlanExecutor;

beforeAll(async () => {
  fixture = await startExecutionFixture();
  executor = fixture.createExecutor();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

const owner = () => fixture.tenant.user.id;

async function eventsOf(planId: string) {
  const rows = await fixture.deps.db.planEventOutbox.findMany({ where: { planId }, orderBy: { id: "asc" }, select: { type: true, payload: true, publishedAt: true } });
  return rows.map((row) => ({ ...row, payload: row.payload as Record<string, unknown> }));
}

async function claimOne(scope: PlanEventScope, task: ClaimableTask) {
  const { claims } = await storeTaskTransitions(fixture.deps, scope, { completions: [], claims: [task] });
  return claims[0];
}

async function failureOf(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (rejection: unknown) => rejection);
  if (!isAppError(error)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("cancellation", () => {
  it("aborts the model calls in flight, ends unfinished tasks cancelled and calls the model no more", async () => {
    fixture.scriptTasks(() => ({ kind: "hang" }));
    const planId = await fixture.insertPlan([{ taskId: "a" }, { taskId: "b" }, { taskId: "c", dependencies: ["a", "b"] }]);
    executor.start({ planId, userId: owner() });
    await vi.waitFor(() => expect(fixture.llm.inFlight).toBe(2), { timeout: 5_000 });

    await executor.cancel({ planId, userId: owner() });

    // vi.waitFor gives up after one second: the upstream requests must be closed by then.
    await vi.waitFor(() => expect(fixture.llm.abortedRequests).toBe(2), { timeout: 1_000 });
    expect(await fixture.statusesOf(planId)).toEqual({ a: "cancelled", b: "cancelled", c: "cancelled" });
    const plan = await fixture.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(plan).toMatchObject({ status: "cancelled", endReason: "user", finalMessageId: null });
    const events = await eventsOf(planId);
    expect(events.filter((event) => event.type === "task-fail").map((event) => [event.payload.taskId, event.payload.status]).sort()).toEqual([
      ["a", "cancelled"],
      ["b", "cancelled"],
    ]);
    expect(events.at(-1)).toMatchObject({ type: "plan-end", payload: { status: "cancelled" } });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenRequests(fixture.llm)).toHaveLength(2);
  });

  it("stops a plan cancelled through another server instance", async () => {
    fixture.scriptTasks(() => ({ kind: "hang" }));
    const running = fixture.createExecutor({ cancelCheckMilliseconds: 100 });
    const elsewhere = fixture.createExecutor();
    const planId = await fixture.insertPlan([{ taskId: "long" }]);
    running.start({ planId, userId: owner() });
    await vi.waitFor(() => expect(fixture.llm.inFlight).toBe(1), { timeout: 5_000 });

    await elsewhere.cancel({ planId, userId: owner() });

    await vi.waitFor(() => expect(fixture.llm.abortedRequests).toBe(1), { timeout: 1_000 });
    expect(await fixture.statusesOf(planId)).toEqual({ long: "cancelled" });
  });

  it("cancels a plan still waiting for approval", async () => {
    const planId = await fixture.insertPlan([{ taskId: "never" }]);
    await fixture.deps.db.taskPlan.update({ where: { id: planId }, data: { status: "pending_approval" } });

    await executor.cancel({ planId, userId: owner() });

    expect(await fixture.statusesOf(planId)).toEqual({ never: "cancelled" });
    expect((await eventsOf(planId)).map((event) => event.type)).toEqual(["plan-end"]);
  });

  it("refuses an ended plan with its status, and another user's plan as not found", async () => {
    fixture.scriptTasks();
    const planId = await fixture.insertPlan([{ taskId: "quick" }]);
    executor.start({ planId, userId: owner() });
    await fixture.waitForEnd(planId);
    const stranger = await seedUser(fixture.deps.db);

    const ended = await failureOf(executor.cancel({ planId, userId: owner() }));
    const foreign = await failureOf(executor.cancel({ planId, userId: stranger.user.id }));

    expect(ended).toMatchObject({ code: "PLAN_STATE_CONFLICT", details: { status: "completed" } });
    expect(foreign.code).toBe("PLAN_NOT_FOUND");
    expect((await fixture.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe("completed");
  });
});

describe("durability", () => {
  it("resumes after a shutdown: completed tasks never run again, the running one runs again, each result is stored once", async () => {
    const requests = fixture.scriptTasks((taskId) => (taskId === "second" ? { kind: "hang" } : { kind: "text", text: `output of ${taskId}` }));
    const first = fixture.createExecutor();
    const planId = await fixture.insertPlan([{ taskId: "first" }, { taskId: "second", dependencies: ["first"] }, { taskId: "third", dependencies: ["second"] }]);
    first.start({ planId, userId: owner() });
    await vi.waitFor(() => expect(requests.get("second")).toBe(1), { timeout: 5_000 });

    await first.close();
    const left = await fixture.deps.db.taskPlanTask.findMany({ where: { planId }, select: { taskId: true, status: true, attempts: true }, orderBy: { taskId: "asc" } });
    expect(left).toEqual([
      { taskId: "first", status: "completed", attempts: 1 },
      { taskId: "second", status: "running", attempts: 1 },
      { taskId: "third", status: "pending", attempts: 0 },
    ]);
    const beforeRestart = await fixture.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } });
    expect(beforeRestart.status).toBe("executing");

    fixture.scriptTasks();
    const restarted = fixture.createExecutor();
    await restarted.recover();
    expect((await fixture.waitForEnd(planId)).status).toBe("completed");

    // The actuals count the task completed before the restart, and the duration runs from the first start.
    const ended = await fixture.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } });
    const spent = await fixture.deps.db.taskPlanTask.aggregate({ where: { planId }, _sum: { actualCost: true, promptTokens: true, completionTokens: true } });
    expect(spent._sum.promptTokens).toBeGreaterThan(0);
    expect(ended).toMatchObject({ actualPromptTokens: spent._sum.promptTokens, actualCompletionTokens: spent._sum.completionTokens, startedAt: beforeRestart.startedAt });
    expect(ended.totalActualCost).toBeCloseTo(spent._sum.actualCost ?? 0, 12);
    expect(ended.totalActualDuration).toBe(ended.completedAt!.getTime() - beforeRestart.startedAt!.getTime());

    const runs = seenRequests(fixture.llm).map((request) => request.taskId);
    expect(runs.filter((taskId) => taskId === "first")).toHaveLength(1);
    expect(runs.filter((taskId) => taskId === "second")).toHaveLength(2);
    const attempts = await fixture.deps.db.taskPlanTask.findFirstOrThrow({ where: { planId, taskId: "second" }, select: { attempts: true } });
    expect(attempts.attempts).toBe(2);
    const ends = (await eventsOf(planId)).filter((event) => event.type === "task-end").map((event) => event.payload.taskId);
    expect(ends).toEqual(["first", "second", "third"]);
    expect((await eventsOf(planId)).filter((event) => event.type === "plan-start")).toHaveLength(1);
  });

  it("stores a task's result only for the attempt that holds it", async () => {
    fixture.scriptTasks();
    const planId = await fixture.insertPlan([{ taskId: "contested" }]);
    const scope = { planId, userId: owner(), projectId: fixture.tenant.project.id, sessionId: fixture.tenant.session.id };
    const task = { taskId: "contested", agentId: fixture.tenant.agents[0]!.id, agentName: "CodeAssistant" };

    const firstAttempt = (await claimOne(scope, { ...task, status: "pending", attempts: 0 }))?.attempt;
    const takeover = (await claimOne(scope, { ...task, status: "running", attempts: 1 }))?.attempt;
    const secondClaimOfPending = (await claimOne(scope, { ...task, status: "pending", attempts: 0 }))?.attempt;
    const stale = await runTaskStep(fixture.deps, { planId, taskId: "contested", attempt: firstAttempt! });
    const current = await runTaskStep(fixture.deps, { planId, taskId: "contested", attempt: takeover! });
    const replayed = await runTaskStep(fixture.deps, { planId, taskId: "contested", attempt: takeover! });

    expect([firstAttempt, takeover, secondClaimOfPending]).toEqual([1, 2, undefined]);
    expect([stale.status, current.status, replayed.status]).toEqual(["superseded", "completed", "superseded"]);
    expect(seenRequests(fixture.llm)).toHaveLength(1);
    expect((await eventsOf(planId)).filter((event) => event.type === "task-end")).toHaveLength(1);
  });

  it("claims a task only while its plan executes and every task it depends on has completed, reading its step as it claims", async () => {
    const planId = await fixture.insertPlan([{ taskId: "base" }, { taskId: "next", dependencies: ["base"] }]);
    const scope = { planId, userId: owner(), projectId: fixture.tenant.project.id, sessionId: fixture.tenant.session.id };
    const agent = { agentId: fixture.tenant.agents[0]!.id, agentName: "CodeAssistant" };
    const { db } = fixture.deps;

    const tooEarly = await claimOne(scope, { ...agent, taskId: "next", status: "pending", attempts: 0 });
    await db.taskPlanTask.updateMany({ where: { planId, taskId: "base" }, data: { status: "completed", result: { output: "the base result" } } });
    await db.taskPlan.update({ where: { id: planId }, data: { status: "cancelled" } });
    const afterCancel = await claimOne(scope, { ...agent, taskId: "next", status: "pending", attempts: 0 });
    await db.taskPlan.update({ where: { id: planId }, data: { status: "executing" } });
    const claimed = await claimOne(scope, { ...agent, taskId: "next", status: "pending", attempts: 0 });

    expect([tooEarly, afterCancel]).toEqual([undefined, undefined]);
    expect(claimed?.attempt).toBe(1);
    expect(claimed?.step).toMatchObject({ scope, taskId: "next", agentName: "CodeAssistant", agent: { id: agent.agentId, name: "CodeAssistant" } });
    expect(claimed?.step.dependencyOutputs).toEqual([{ taskId: "base", agentName: "CodeAssistant", output: "the base result" }]);
    expect((await eventsOf(planId)).filter((event) => event.type === "task-start").map((event) => event.payload.taskId)).toEqual(["next"]);
  });

  it("publishes events a crash left recorded but unsent, on recovery", async () => {
    const planId = await fixture.insertPlan([{ taskId: "done" }]);
    await fixture.deps.db.taskPlan.update({ where: { id: planId }, data: { status: "completed" } });
    const scope = { planId, userId: owner(), projectId: fixture.tenant.project.id, sessionId: fixture.tenant.session.id };
    const endedAt = new Date().toISOString();
    const actual = { usage: { promptTokens: 0, completionTokens: 0 }, costUsd: 0, durationMilliseconds: 0 };
    await fixture.deps.db.$transaction((transaction) =>
      recordPlanEvents(transaction, scope, [
        { type: "plan-end", payload: { planId, status: "completed", tasks: [], actual, finalMessageId: null, endedAt } },
      ]),
    );

    await fixture.createExecutor().recover();

    expect((await eventsOf(planId)).every((event) => event.publishedAt !== null)).toBe(true);
    const onBus = await fixture.events.read(scope, { limit: 1_000 });
    expect(onBus.filter((event) => event.planId === planId).map((event) => event.type)).toEqual(["plan-end"]);
  });
});
