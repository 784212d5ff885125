import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExecutionFixture, type ExecutionFixture } from "../execution/execution-test-fixture.js";
import { recordPlanEvents } from "../plan-events.js";
import type { EventBus } from "../../events/event-bus.js";
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

  it("sends handed-over events without reading them back, after events read before them, and marks them once gathered", async () => {
    const { db } = fixture.deps;
    const { tenant } = fixture;
    const planId = await fixture.insertPlan([{ taskId: "only" }]);
    const scope = { planId, userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id };
    const record = async (taskId: string) => {
      const event = { type: "task-start" as const, payload: { planId, taskId, agentName: "CodeAssistant", agentId: "", status: "running" as const, startedAt: new Date().toISOString() } };
      await db.$transaction((transaction) => recordPlanEvents(transaction, scope, [event]));
      const { id } = await db.planEventOutbox.findFirstOrThrow({ where: { planId }, orderBy: { id: "desc" }, select: { id: true } });
      return { id, scope, event };
    };
    const earlier = await record("earlier");
    const handed = await record("handed");
    const publisher = createPlanEventPublisher({ db, events: fixture.events, logger: { warn: () => undefined }, markGatherMilliseconds: 60_000 });

    // As the engine does: a transition asks for its plan's events to be read right after its commit, before later handovers.
    await Promise.all([publisher.publish(planId), publisher.send([handed]).sent]);
    // A read while the handed event's mark is still being gathered must not send it again.
    await publisher.publish(planId);

    const onBus = await fixture.events.read(scope, { limit: 1_000 });
    expect(onBus.filter((event) => event.planId === planId).map((event) => (event.payload as { taskId: string }).taskId)).toEqual(["earlier", "handed"]);
    const marks = async () => (await db.planEventOutbox.findMany({ where: { planId }, orderBy: { id: "asc" }, select: { publishedAt: true } })).map((row) => row.publishedAt !== null);
    expect(earlier.id < handed.id).toBe(true);
    await publisher.flush();
    expect(await marks()).toEqual([true, true]);

    // Sent alone while no mark is being stored: its mark waits to be gathered with later ones.
    await publisher.send([await record("alone")]).sent;
    expect(await marks()).toEqual([true, true, false]);
    await publisher.flush();
    expect(await marks()).toEqual([true, true, true]);
  });

  it("says when handed-over events are handed to the bus, before the bus has stored them", async () => {
    const { db } = fixture.deps;
    const { tenant } = fixture;
    const planId = await fixture.insertPlan([{ taskId: "only" }]);
    const scope = { planId, userId: tenant.user.id, projectId: tenant.project.id, sessionId: tenant.session.id };
    const event = { type: "task-start" as const, payload: { planId, taskId: "only", agentName: "CodeAssistant", agentId: "", status: "running" as const, startedAt: new Date().toISOString() } };
    await db.$transaction((transaction) => recordPlanEvents(transaction, scope, [event]));
    const { id } = await db.planEventOutbox.findFirstOrThrow({ where: { planId }, select: { id: true } });
    // A bus that takes events at once but confirms them only when let, as a slow round trip would.
    let confirm!: () => void;
    const confirmed = new Promise<void>((resolve) => (confirm = resolve));
    const handedToBus: string[] = [];
    const slowBus: EventBus = {
      ...fixture.events,
      publish: (publishScope, published) => {
        handedToBus.push(published.type);
        const stored = fixture.events.publish(publishScope, published);
        return confirmed.then(() => stored);
      },
    };
    const publisher = createPlanEventPublisher({ db, events: slowBus, logger: { warn: () => undefined }, markGatherMilliseconds: 0 });

    const handover = publisher.send([{ id, scope, event }]);
    await handover.issued;
    const sentMeanwhile = await Promise.race([handover.sent.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 50))]);
    expect({ handedToBus, sentMeanwhile }).toEqual({ handedToBus: ["task-start"], sentMeanwhile: false });

    confirm();
    await handover.sent;
    await publisher.flush();
    expect(await db.planEventOutbox.count({ where: { planId, publishedAt: null } })).toBe(0);
  });
});
