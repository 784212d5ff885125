import { lastUserMessage } from "@codelab/llm-test-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { seedUser } from "../../testing/seed-user.js";
import type { PlanExecutor } from "../plan-executor.js";
import { seenRequests, startExecutionFixture, synthesisReply, type ExecutionFixture } from "./execution-test-fixture.js";
import { testTaskOf, type TestTask } from "./testing/insert-executing-plan.js";
import { dependencyResultsHeading } from "./task-input.js";

let fixture: ExecutionFixture;
let executor: PlanExecutor;

beforeAll(async () => {
  fixture = await startExecutionFixture();
  executor = fixture.createExecutor();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

const slowly = (taskId: string) => ({ kind: "text" as const, text: `output of ${taskId}`, delayBeforeFirstByteMs: 150 });
const chain = (length: number): TestTask[] => Array.from({ length }, (_, index) => ({ taskId: `c${index}`, dependencies: index === 0 ? [] : [`c${index - 1}`] }));
const fanOut = (width: number): TestTask[] => [
  { taskId: "root" },
  ...Array.from({ length: width }, (_, index) => ({ taskId: `branch${index}`, dependencies: ["root"] })),
  { taskId: "join", dependencies: Array.from({ length: width }, (_, index) => `branch${index}`) },
];

async function tasksOf(planId: string) {
  const rows = await fixture.deps.db.taskPlanTask.findMany({ where: { planId }, select: { taskId: true, status: true, attempts: true, error: true } });
  return Object.fromEntries(rows.map((row) => [row.taskId, row]));
}

async function outboxOf(planId: string) {
  return fixture.deps.db.planEventOutbox.findMany({ where: { planId }, orderBy: { id: "asc" }, select: { type: true, payload: true, publishedAt: true } });
}

const taskIdOf = (payload: unknown) => (payload as { taskId?: string }).taskId;

/**
 * Waits until the task runs, then holds its row locked (so its answer cannot be stored) until
 * `meanwhile` settles; resolves with the task's status as seen while the row was held.
 */
async function whileTaskRowHeld(planId: string, taskId: string, meanwhile: () => Promise<unknown>): Promise<string> {
  await vi.waitFor(async () => {
    const task = await fixture.deps.db.taskPlanTask.findFirstOrThrow({ where: { planId, taskId }, select: { status: true } });
    expect(task.status).toBe("running");
  });
  return fixture.deps.db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM task_plan_tasks WHERE plan_id = ${planId}::uuid AND task_id = ${taskId} FOR UPDATE`;
      await meanwhile();
      return (await tx.taskPlanTask.findFirstOrThrow({ where: { planId, taskId }, select: { status: true } })).status;
    },
    { timeout: 10_000 },
  );
}

describe("parallel execution", () => {
  it("runs the four branches of a 1→4→1 fan-out at the same time and the join after them", async () => {
    fixture.scriptTasks(slowly);
    const planId = await fixture.insertPlan(fanOut(4));

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);

    expect(plan.status).toBe("completed");
    expect(fixture.llm.maxConcurrent).toBe(4);
    const order = seenRequests(fixture.llm).map((request) => request.taskId);
    expect(order[0]).toBe("root");
    expect(order.at(-1)).toBe("join");
  });

  it("runs a chain one task at a time", async () => {
    fixture.scriptTasks(slowly);
    const planId = await fixture.insertPlan(chain(4));

    executor.start({ planId, userId: fixture.tenant.user.id });
    await fixture.waitForEnd(planId);

    expect(fixture.llm.maxConcurrent).toBe(1);
    expect(seenRequests(fixture.llm)).toHaveLength(4);
  });

  it("keeps to the per-plan limit", async () => {
    fixture.scriptTasks(slowly);
    const limited = fixture.createExecutor({ maxParallelTasksPerPlan: 3 });
    const planId = await fixture.insertPlan(fanOut(6));

    limited.start({ planId, userId: fixture.tenant.user.id });
    expect((await fixture.waitForEnd(planId)).status).toBe("completed");

    expect(fixture.llm.maxConcurrent).toBe(3);
  });

  it("keeps to the per-user limit across the user's plans, and counts other users apart", async () => {
    // My branches wait until the other user's task has reached the model: all are in flight together.
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    fixture.llm.handle(async (request) => {
      const input = lastUserMessage(request);
      if (input.startsWith("Task solo:")) openGate();
      else if (input.startsWith("Task branch")) await gate;
      return { kind: "text", text: "done" };
    });
    const limited = fixture.createExecutor({ maxParallelTasksPerUser: 5 });
    const other = await seedUser(fixture.deps.db);
    const mine = [await fixture.insertPlan(fanOut(4)), await fixture.insertPlan(fanOut(4))];
    const theirs = await fixture.insertPlan([{ taskId: "solo" }], { tenant: other });

    for (const planId of mine) limited.start({ planId, userId: fixture.tenant.user.id });
    await vi.waitFor(() => expect(fixture.llm.inFlight).toBe(5), { timeout: 5_000, interval: 5 });
    limited.start({ planId: theirs, userId: other.user.id });
    await Promise.all([...mine, theirs].map((planId) => fixture.waitForEnd(planId)));

    expect(fixture.llm.maxConcurrent).toBe(6);
  });

  it("gives each task its dependencies' outputs, in the order it lists them", async () => {
    fixture.scriptTasks();
    const planId = await fixture.insertPlan([{ taskId: "left" }, { taskId: "right" }, { taskId: "merge", dependencies: ["right", "left"] }]);

    executor.start({ planId, userId: fixture.tenant.user.id });
    await fixture.waitForEnd(planId);

    const merge = seenRequests(fixture.llm).find((request) => request.taskId === "merge")!;
    expect(merge.input).toContain(`${dependencyResultsHeading}\n\n### right (CodeAssistant)\noutput of right\n\n### left (CodeAssistant)\noutput of left`);
  });

  it("does not run tasks of a plan another user owns", async () => {
    fixture.scriptTasks();
    const other = await seedUser(fixture.deps.db);
    const planId = await fixture.insertPlan([{ taskId: "private" }], { tenant: other });

    executor.start({ planId, userId: fixture.tenant.user.id });
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(fixture.llm.requests).toHaveLength(0);
    expect((await tasksOf(planId)).private?.status).toBe("pending");
  });
});

describe("failures", () => {
  // a → b → d, a → c, e on its own; b fails.
  const branching: TestTask[] = [{ taskId: "a" }, { taskId: "b", dependencies: ["a"] }, { taskId: "c", dependencies: ["a"] }, { taskId: "d", dependencies: ["b"] }, { taskId: "e" }];

  it("skips what depends on a failed task, finishes the independent branches, and ends partial_success", async () => {
    const requests = fixture.scriptTasks((taskId) => (taskId === "b" ? { kind: "error", status: 400 } : { kind: "text", text: `output of ${taskId}` }));
    const planId = await fixture.insertPlan(branching);

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);

    expect(plan.status).toBe("partial_success");
    const tasks = await tasksOf(planId);
    expect(Object.fromEntries(Object.values(tasks).map((task) => [task.taskId, task.status]))).toEqual({
      a: "completed",
      b: "failed",
      c: "completed",
      d: "skipped",
      e: "completed",
    });
    expect(tasks.b?.error).toBeTruthy();
    expect(requests.get("d")).toBeUndefined();
    const failEvent = (await outboxOf(planId)).find((row) => row.type === "task-fail");
    expect(failEvent?.payload).toMatchObject({ taskId: "b", status: "failed", error: { code: "LLM_REQUEST_REJECTED" }, skippedTaskIds: ["d"] });
    const stored = await fixture.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: { endReason: true } });
    expect(stored.endReason).toMatch(/^Task b failed/);
  });

  it("answers a partial plan from the furthest results it reached", async () => {
    fixture.scriptTasks((taskId) => (taskId === "b" ? { kind: "error", status: 400 } : { kind: "text", text: `output of ${taskId}` }));
    const planId = await fixture.insertPlan(branching);

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);

    const combined = seenRequests(fixture.llm).find((request) => request.synthesis)!.input;
    expect(combined).toContain("### c\noutput of c");
    expect(combined).toContain("### e\noutput of e");
    expect(combined).not.toContain("### a\n");
    const message = await fixture.deps.db.message.findUniqueOrThrow({ where: { id: plan.finalMessageId! } });
    expect(message).toMatchObject({ content: synthesisReply, planId, role: "assistant" });
  });

  it("ends failed, with no answer, when no task completed", async () => {
    fixture.scriptTasks(() => ({ kind: "error", status: 400 }));
    const planId = await fixture.insertPlan([{ taskId: "only" }, { taskId: "after", dependencies: ["only"] }]);

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);

    expect(plan).toEqual({ status: "failed", finalMessageId: null });
    expect((await tasksOf(planId)).after?.status).toBe("skipped");
  });

  it("asks the model while a task's claim is stored, and asks again as claimed when the agent was edited meanwhile", async () => {
    const analyst = fixture.tenant.agents.find((agent) => agent.name === "DataAnalyst")!;
    const systemPrompts: Array<{ taskId: string | undefined; prompt: string }> = [];
    fixture.llm.handle((request) => {
      const taskId = testTaskOf(lastUserMessage(request));
      const prompt = String(request.messages[0]?.content ?? "");
      systemPrompts.push({ taskId, prompt });
      // The first task answers late enough for the edit to land after the run read the plan.
      return { kind: "text", text: `answer under: ${prompt}`, delayBeforeFirstByteMs: taskId === "first" ? 300 : 0 };
    });
    const planId = await fixture.insertPlan([{ taskId: "first" }, { taskId: "second", agent: "DataAnalyst", dependencies: ["first"] }]);

    executor.start({ planId, userId: fixture.tenant.user.id });
    await vi.waitFor(() => expect(systemPrompts.map((seen) => seen.taskId)).toContain("first"));
    await fixture.deps.db.userAgent.update({ where: { id: analyst.id }, data: { config: { ...analyst.config, systemPrompt: "Edited while the plan ran." } } });
    const plan = await fixture.waitForEnd(planId);
    await fixture.deps.db.userAgent.update({ where: { id: analyst.id }, data: { config: analyst.config } });

    expect(plan.status).toBe("completed");
    const second = await fixture.deps.db.taskPlanTask.findFirstOrThrow({ where: { planId, taskId: "second" }, select: { result: true, attempts: true } });
    expect(second.result).toMatchObject({ output: expect.stringContaining("Edited while the plan ran.") });
    expect(second.attempts).toBe(1);
    expect(systemPrompts.filter((seen) => seen.taskId === "second").at(-1)?.prompt).toContain("Edited while the plan ran.");
    const ends = (await fixture.deps.db.planEventOutbox.findMany({ where: { planId, type: "task-end" }, select: { payload: true }, orderBy: { id: "asc" } })).map((row) => taskIdOf(row.payload));
    expect(ends).toEqual(["first", "second"]);
  });

  it("fails a task whose agent was disabled, without calling the model", async () => {
    const requests = fixture.scriptTasks();
    const agentId = fixture.tenant.agents.find((agent) => agent.name === "DataAnalyst")!.id;
    await fixture.deps.db.userAgent.update({ where: { id: agentId }, data: { status: "DISABLED" } });
    const planId = await fixture.insertPlan([{ taskId: "analysis", agent: "DataAnalyst" }, { taskId: "code" }]);

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);
    await fixture.deps.db.userAgent.update({ where: { id: agentId }, data: { status: "READY" } });

    expect(plan.status).toBe("partial_success");
    expect(requests.get("analysis")).toBeUndefined();
    expect((await tasksOf(planId)).analysis?.error).toMatch(/disabled/);
  });
});

describe("the final answer", () => {
  it("is the single sink's output, stored as an assistant message of the session linked to the plan", async () => {
    fixture.scriptTasks();
    const planId = await fixture.insertPlan(chain(3));

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);

    const message = await fixture.deps.db.message.findUniqueOrThrow({ where: { id: plan.finalMessageId! } });
    expect(message).toMatchObject({ role: "assistant", content: "output of c2", planId, sessionId: fixture.tenant.session.id });
    expect(seenRequests(fixture.llm).some((request) => request.synthesis)).toBe(false);
  });

  it("combines several sinks with one synthesis call and counts its cost in the plan's actuals", async () => {
    fixture.scriptTasks();
    const planId = await fixture.insertPlan([{ taskId: "x" }, { taskId: "y" }], { request: "Compare x and y" });

    executor.start({ planId, userId: fixture.tenant.user.id });
    const plan = await fixture.waitForEnd(planId);

    const synthesis = seenRequests(fixture.llm).filter((request) => request.synthesis);
    expect(synthesis).toHaveLength(1);
    expect(synthesis[0]!.input).toMatch(/^Request: Compare x and y/);
    const message = await fixture.deps.db.message.findUniqueOrThrow({ where: { id: plan.finalMessageId! } });
    expect(message.content).toBe(synthesisReply);
    const stored = await fixture.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } });
    const taskCosts = await fixture.deps.db.taskPlanTask.aggregate({ where: { planId }, _sum: { actualCost: true } });
    expect(stored.totalActualCost).toBeCloseTo((taskCosts._sum.actualCost ?? 0) + (message.cost ?? 0), 12);
    expect(message.cost).toBeGreaterThan(0);
  });
  it("starts combining the sinks' answers once they are all answered, before they are stored, and uses that one call", async () => {
    fixture.scriptTasks((taskId) => ({ kind: "text", text: `output of ${taskId}`, delayBeforeFirstByteMs: taskId === "y" ? 300 : 0 }));
    const planId = await fixture.insertPlan([{ taskId: "x" }, { taskId: "y" }], { request: "Compare x and y" });

    executor.start({ planId, userId: fixture.tenant.user.id });
    // While y's row is held, y's answer cannot be stored: only the run knows it.
    const combinedWhileUnstored = await whileTaskRowHeld(planId, "y", () =>
      vi.waitFor(() => expect(seenRequests(fixture.llm).some((request) => request.synthesis)).toBe(true), { timeout: 5_000 }),
    );
    const plan = await fixture.waitForEnd(planId);

    expect(combinedWhileUnstored).toBe("running");
    expect(plan.status).toBe("completed");
    expect(seenRequests(fixture.llm).filter((request) => request.synthesis)).toHaveLength(1);
    expect((await fixture.deps.db.message.findUniqueOrThrow({ where: { id: plan.finalMessageId! } })).content).toBe(synthesisReply);
  });
});

describe("memory", () => {
  /** How many exchanges of this task its agent remembers. */
  const rememberedOf = ({ deps }: ExecutionFixture, planId: string, taskId: string) =>
    deps.db.agentMemory.count({ where: { AND: [{ metadata: { path: ["planId"], equals: planId } }, { metadata: { path: ["taskId"], equals: taskId } }] } });

  it("remembers the last task's exchange while its answer is still being stored", async () => {
    fixture.scriptTasks((taskId) => ({ kind: "text", text: `output of ${taskId}`, delayBeforeFirstByteMs: 300 }));
    const planId = await fixture.insertPlan([{ taskId: "only" }]);
    const rememberedOnly = () => rememberedOf(fixture, planId, "only");

    executor.start({ planId, userId: fixture.tenant.user.id });
    // While the task's row is held, its answer cannot be stored.
    const rememberedWhileUnstored = await whileTaskRowHeld(planId, "only", () =>
      vi.waitFor(async () => expect(await rememberedOnly()).toBe(1), { timeout: 5_000 }),
    );
    const plan = await fixture.waitForEnd(planId);

    expect(rememberedWhileUnstored).toBe("running");
    expect(plan.status).toBe("completed");
    expect(await rememberedOnly()).toBe(1);
  });

  describe("with embeddings from a provider", () => {
    let provided: ExecutionFixture;
    beforeAll(async () => {
      provided = await startExecutionFixture({ embeddings: "provider" });
    });
    afterAll(() => provided.close());

    it("recalls for a fan-out's branches with one embeddings request, not one each", async () => {
      provided.scriptTasks();
      const planId = await provided.insertPlan(fanOut(4));

      provided.createExecutor().start({ planId, userId: provided.tenant.user.id });
      expect((await provided.waitForEnd(planId)).status).toBe("completed");

      // Recall embeds the task's input; remembering embeds "Query: <input>\nResponse: <answer>".
      const recalledTasks = provided.llm.requests
        .filter((request) => request.path === "/v1/embeddings")
        .map((request) => (request.body.input as string[]).filter((text) => !text.startsWith("Query: ")).map(testTaskOf))
        .filter((taskIds) => taskIds.length > 0);
      expect(recalledTasks).toEqual([["root"], ["branch0", "branch1", "branch2", "branch3"], ["join"]]);
    });
  });

  describe("with exchanges held a minute to share a write", () => {
    let holding: ExecutionFixture;
    beforeAll(async () => {
      holding = await startExecutionFixture({ memoryGatherMilliseconds: 60_000 });
    });
    afterAll(() => holding.close());

    it("writes them when the plan ends on a failure, rather than once the minute is out", async () => {
      // `done` is remembered while `late` still runs, so its exchange is held; then `late` fails.
      holding.scriptTasks((taskId) =>
        taskId === "late" ? { kind: "error", status: 400, delayBeforeFirstByteMs: 300 } : { kind: "text", text: `output of ${taskId}` },
      );
      const planId = await holding.insertPlan([{ taskId: "done" }, { taskId: "late" }]);

      holding.createExecutor().start({ planId, userId: holding.tenant.user.id });
      // The plan's end waits for its exchanges to be written; this wait gives up long before the minute is.
      const plan = await holding.waitForEnd(planId);

      expect(plan.status).toBe("partial_success");
      expect(await rememberedOf(holding, planId, "done")).toBe(1);
    });

    it("writes them when the plan is cancelled, so that the cancel does not wait the minute out", async () => {
      holding.scriptTasks((taskId) => (taskId === "late" ? { kind: "hang" } : { kind: "text", text: `output of ${taskId}` }));
      const planId = await holding.insertPlan([{ taskId: "done" }, { taskId: "late" }]);
      const userId = holding.tenant.user.id;
      const cancelling = holding.createExecutor();
      cancelling.start({ planId, userId });
      await vi.waitFor(async () => expect((await holding.statusesOf(planId)).done).toBe("completed"), { timeout: 5_000 });

      // The cancel returns once the run has stopped, its exchanges written; a test gives up after 30 s.
      await cancelling.cancel({ planId, userId });

      expect(await holding.statusesOf(planId)).toEqual({ done: "completed", late: "cancelled" });
      expect(await rememberedOf(holding, planId, "done")).toBe(1);
    });
  });
});

describe("events", () => {
  it("records every transition with its event, in order, and publishes them all to the session's stream", async () => {
    fixture.scriptTasks((taskId) => ({ kind: "text", text: `output of ${taskId} in several words`, delayBetweenChunksMs: 5 }));
    const planId = await fixture.insertPlan(fanOut(2));

    executor.start({ planId, userId: fixture.tenant.user.id });
    await fixture.waitForEnd(planId);

    const outbox = await outboxOf(planId);
    const recorded = outbox.map((row) => `${row.type}${taskIdOf(row.payload) ? `:${taskIdOf(row.payload)}` : ""}`);
    expect(recorded[0]).toBe("plan-start");
    expect(recorded.at(-1)).toBe("plan-end");
    expect(recorded.filter((entry) => entry.startsWith("task-start"))).toHaveLength(4);
    for (const taskId of ["root", "branch0", "branch1", "join"]) {
      expect(recorded.indexOf(`task-start:${taskId}`)).toBeLessThan(recorded.indexOf(`task-end:${taskId}`));
    }
    expect(recorded.indexOf("task-end:root")).toBeLessThan(recorded.indexOf("task-start:branch0"));
    expect(recorded.indexOf("task-end:branch1")).toBeLessThan(recorded.indexOf("task-start:join"));
    expect(outbox.at(-1)?.payload).toMatchObject({ status: "completed", tasks: expect.arrayContaining([{ taskId: "join", status: "completed" }]) as unknown });

    const scope = { userId: fixture.tenant.user.id, projectId: fixture.tenant.project.id, sessionId: fixture.tenant.session.id };
    const published = await vi.waitFor(
      async () => {
        const events = (await fixture.events.read(scope, { limit: 1_000 })).filter((event) => event.planId === planId);
        expect(events.at(-1)?.type).toBe("plan-end");
        return events;
      },
      { timeout: 5_000 },
    );
    const onBus = published.filter((event) => event.type !== "task-delta").map((event) => `${event.type}${taskIdOf(event.payload) ? `:${taskIdOf(event.payload)}` : ""}`);
    expect(onBus).toEqual(recorded);
    const rootEvents = published.filter((event) => taskIdOf(event.payload) === "root").map((event) => event.type);
    expect(rootEvents[0]).toBe("task-start");
    expect(rootEvents).toContain("task-delta");
    expect(rootEvents.at(-1)).toBe("task-end");
    expect((await outboxOf(planId)).every((row) => row.publishedAt !== null)).toBe(true);
  });
});

describe("statistics and metrics", () => {
  it("merges every plan's task latencies into the model's running mean and variance", async () => {
    const delays: Record<string, number> = { fast: 10, slow: 150, quick: 30, later: 90, last: 60 };
    fixture.scriptTasks((taskId) => ({ kind: "text", text: `output of ${taskId}`, delayBeforeFirstByteMs: delays[taskId], usage: { promptTokens: 10, completionTokens: delays[taskId]! / 10 } }));
    const model = `latency-model-${Date.now()}`;
    const agent = fixture.tenant.agents.find((candidate) => candidate.name === "DocumentWriter")!;
    await fixture.deps.db.userAgent.update({ where: { id: agent.id }, data: { config: { ...agent.config, model } } });
    const plans = [
      await fixture.insertPlan(["fast", "slow", "quick"].map((taskId) => ({ taskId, agent: agent.name }))),
      await fixture.insertPlan(["later", "last"].map((taskId) => ({ taskId, agent: agent.name }))),
    ];

    for (const planId of plans) {
      executor.start({ planId, userId: fixture.tenant.user.id });
      await fixture.waitForEnd(planId);
    }
    await fixture.deps.db.userAgent.update({ where: { id: agent.id }, data: { config: agent.config } });

    const tasks = await fixture.deps.db.taskPlanTask.findMany({ where: { planId: { in: plans } }, select: { actualDuration: true, completionTokens: true } });
    const durations = tasks.map((task) => task.actualDuration!);
    const mean = durations.reduce((sum, value) => sum + value, 0) / durations.length;
    const squares = durations.reduce((sum, value) => sum + (value - mean) ** 2, 0);
    const stat = await fixture.deps.db.modelLatencyStat.findUniqueOrThrow({ where: { model } });
    expect(stat.count).toBe(5);
    expect(stat.meanMs).toBeCloseTo(mean, 6);
    expect(stat.m2).toBeCloseTo(squares, 4);
    expect(stat.meanOutputTokens).toBeCloseTo(tasks.reduce((sum, task) => sum + task.completionTokens!, 0) / 5, 6);
  });

  it("counts plans by final status and observes the queue wait of every task", async () => {
    fixture.scriptTasks();
    const before = await fixture.deps.metrics.planOutcomes.get();
    const completedBefore = before.values.find((value) => value.labels.status === "completed")?.value ?? 0;
    const waitsBefore = (await fixture.deps.metrics.taskQueueWaitSeconds.get()).values.find((value) => value.metricName?.endsWith("_count"))?.value ?? 0;
    const planId = await fixture.insertPlan(chain(2));

    executor.start({ planId, userId: fixture.tenant.user.id });
    await fixture.waitForEnd(planId);

    await vi.waitFor(async () => {
      const after = await fixture.deps.metrics.planOutcomes.get();
      expect(after.values.find((value) => value.labels.status === "completed")?.value).toBe(completedBefore + 1);
    });
    const waitsAfter = (await fixture.deps.metrics.taskQueueWaitSeconds.get()).values.find((value) => value.metricName?.endsWith("_count"))?.value;
    expect(waitsAfter).toBe(waitsBefore + 2);
  });
});
