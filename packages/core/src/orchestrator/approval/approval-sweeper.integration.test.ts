import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryEventBus } from "../../events/memory-event-bus.js";
import { createMetrics } from "../../metrics/metrics.js";
import { createFixedClock } from "../../testing/fixed-clock.js";
import { seedUser, type SeededUser } from "../../testing/seed-user.js";
import { createPlanEventPublisher } from "../outbox/plan-event-publisher.js";
import { startApprovalSweeper } from "./approval-sweeper.js";

let database: TestDatabase;
let seeded: SeededUser;
beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedUser(database.db);
});
afterAll(async () => {
  await events.close();
  await database.drop();
});

const clock = createFixedClock();
const events = createMemoryEventBus({ clock });
const logger = { warn: () => undefined };

function pendingPlan(expiresInMilliseconds: number) {
  return database.db.taskPlan.create({
    data: {
      userId: seeded.user.id,
      projectId: seeded.project.id,
      sessionId: seeded.session.id,
      originalRequest: "Waiting",
      status: "pending_approval",
      requiresApproval: true,
      approvalExpiresAt: new Date(clock.now().getTime() + expiresInMilliseconds),
    },
    select: { id: true },
  });
}

async function statusBecomes(planId: string, status: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const plan = await database.db.taskPlan.findUniqueOrThrow({ where: { id: planId }, select: { status: true, endReason: true } });
    if (plan.status === status) return plan;
    if (Date.now() > deadline) throw new Error(`plan ${planId} stayed ${plan.status}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("the approval sweeper", () => {
  it("rejects overdue plans by the clock on every interval until stopped, publishing plan-reject", async () => {
    const metrics = createMetrics();
    const deps = { db: database.db, events, clock, metrics, logger, planEvents: createPlanEventPublisher({ db: database.db, events, logger }) };
    const overdue = await pendingPlan(-1);
    const later = await pendingPlan(60_000);

    const sweeper = startApprovalSweeper(deps, { intervalMilliseconds: 20 });
    try {
      expect(await statusBecomes(overdue.id, "rejected")).toEqual({ status: "rejected", endReason: "approval_timeout" });
      clock.advance(60_000);
      await statusBecomes(later.id, "rejected");
    } finally {
      await sweeper.stop();
    }

    const published = await events.read({ userId: seeded.user.id, projectId: seeded.project.id, sessionId: seeded.session.id });
    expect(published.map(({ type, planId }) => [type, planId])).toEqual([
      ["plan-reject", overdue.id],
      ["plan-reject", later.id],
    ]);
    expect((await metrics.planApprovals.get()).values).toEqual([expect.objectContaining({ labels: { outcome: "expired" }, value: 2 })]);

    const afterStop = await pendingPlan(-1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await database.db.taskPlan.findUniqueOrThrow({ where: { id: afterStop.id } })).status).toBe("pending_approval");
  });
});
