import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutionFixture, type ExecutionFixture } from "../execution/execution-test-fixture.js";
import { recordPlanEvents } from "../plan-events.js";
import { createPlanEventPublisher } from "./plan-event-publisher.js";

let fixture: ExecutionFixture;

beforeAll(async () => {
  fixture = await startExecutionFixture();
});
afterAll(() => fixture.close());

describe("plan event publisher", () => {
  it("sends every plan's recorded events once and in order when many transitions publish at once", async () => {
    const { db } = fixture.deps;
    const { tenant } = fixture;
    const planIds = await Promise.all([1, 2, 3].map(() => fixture.insertPlan([{ taskId: "only" }])));
    const scopeOf = (planId: string) => ({ planId, userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id });
    const startedAt = new Date().toISOString();
    // Interleaved across plans, as concurrent plans record them.
    for (const taskId of ["first", "second", "third"]) {
      for (const planId of planIds) {
        await db.$transaction((transaction) =>
          recordPlanEvents(transaction, scopeOf(planId), [{ type: "task-start", payload: { planId, taskId, agentName: "CodeAssistant", agentId: "", status: "running", startedAt } }]),
        );
      }
    }
    const publisher = createPlanEventPublisher({ db, events: fixture.events, logger: { warn: () => undefined } });

    await Promise.all(planIds.flatMap((planId) => [publisher.publish(planId), publisher.publish(planId)]));

    const unpublished = await db.planEventOutbox.count({ where: { planId: { in: planIds }, publishedAt: null } });
    expect(unpublished).toBe(0);
    const onBus = await fixture.events.read({ userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id }, { limit: 1_000 });
    for (const planId of planIds) {
      const sent = onBus.filter((event) => event.planId === planId).map((event) => (event.payload as { taskId: string }).taskId);
      expect(sent).toEqual(["first", "second", "third"]);
    }
  });
});
