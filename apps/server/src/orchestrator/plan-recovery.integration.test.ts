import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertExecutingPlan, seedUser, testTaskOf, type SeededUser, type TestTask } from "@codelab/core/testing";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { lastUserMessage, startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { deleteRedisKeys, spawnServerProcess, testRedisUrl } from "../testing/index.js";

// A real server process is killed (SIGKILL) at random moments while three plans run, restarted
// each time, and must bring every plan to its end without ever running a completed task again.
const kills = 3;
const taskDelayMs = 250;
/** After a process has completed a task, it is killed at a random moment within this. */
const killWindowMs = 500;

let database: TestDatabase;
let llm: LlmTestServer;
let tenant: SeededUser;
/** Every task request the model server received, with when. */
const seen: Array<{ taskId: string; at: number }> = [];

beforeAll(async () => {
  database = await createTestDatabase();
  llm = await startLlmTestServer();
  llm.handle((request) => {
    const taskId = testTaskOf(lastUserMessage(request));
    if (taskId) seen.push({ taskId, at: performance.now() });
    return { kind: "text", text: `output of ${taskId ?? "all"}`, delayBeforeFirstByteMs: taskDelayMs };
  });
  tenant = await seedUser(database.db);
});

const redisKeyPrefix = `codelab-test:${randomBytes(6).toString("hex")}:`;

afterAll(async () => {
  await llm.close();
  await deleteRedisKeys(testRedisUrl, redisKeyPrefix);
  await database.drop();
});

const chain: TestTask[] = Array.from({ length: 5 }, (_, index) => ({ taskId: `chain${index}`, dependencies: index === 0 ? [] : [`chain${index - 1}`] }));
const fanOut: TestTask[] = [
  { taskId: "fanRoot" },
  ...[0, 1, 2, 3].map((index) => ({ taskId: `fan${index}`, dependencies: ["fanRoot"] })),
  { taskId: "fanJoin", dependencies: ["fan0", "fan1", "fan2", "fan3"] },
];
const dag: TestTask[] = [
  { taskId: "dagA" },
  { taskId: "dagB", dependencies: ["dagA"] },
  { taskId: "dagC", dependencies: ["dagA"] },
  { taskId: "dagD", dependencies: ["dagB", "dagC"] },
  { taskId: "dagE", dependencies: ["dagC"] },
  { taskId: "dagF", dependencies: ["dagD", "dagE"] },
];

/** The tasks' state the moment a process died, and when. */
interface Kill {
  at: number;
  completed: Map<string, number>;
  running: Map<string, number>;
}

async function snapshotAfterKill(): Promise<Kill> {
  const at = performance.now();
  const rows = await database.db.taskPlanTask.findMany({ select: { taskId: true, status: true, attempts: true } });
  const attemptsWhere = (status: string) => new Map(rows.filter((row) => row.status === status).map((row) => [row.taskId, row.attempts]));
  return { at, completed: attemptsWhere("completed"), running: attemptsWhere("running") };
}

async function completedTasks(): Promise<number> {
  return database.db.taskPlanTask.count({ where: { status: "completed" } });
}

/** Start-up time varies a lot on a busy machine, so each process first proves it makes progress. */
async function waitForProgress(completedBefore: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while ((await completedTasks()) <= completedBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

async function waitForPlans(planIds: string[]) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const plans = await database.db.taskPlan.findMany({ where: { id: { in: planIds } }, select: { status: true } });
    if (plans.every((plan) => plan.status !== "executing") || Date.now() > deadline) return plans.map((plan) => plan.status);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it(
  "brings every plan to its end across repeated kills, never running a completed task again and re-running interrupted ones",
  async () => {
    const planIds = [
      await insertExecutingPlan(database.db, tenant, chain),
      await insertExecutingPlan(database.db, tenant, fanOut),
      await insertExecutingPlan(database.db, tenant, dag),
    ];
    const env = {
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: database.connectionString,
      REDIS_URL: testRedisUrl,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      JWT_SECRET_KEY: randomBytes(32).toString("hex"),
      OPENAI_BASE_URL: llm.baseUrl,
      OPENAI_API_KEY: "test-key",
      OPENAI_MODEL: "test-model",
      LLM_RETRY_BASE_DELAY_MS: "10",
      WEB_DIST_DIR: "/nonexistent",
    };
    // Each process recovers the plans at start-up and is killed this long after its first completed task.
    const killDelays = Array.from({ length: kills }, () => Math.round(Math.random() * killWindowMs));
    const context = `kill delays ${killDelays.join(", ")} ms`;

    const snapshots: Kill[] = [];
    for (const delay of killDelays) {
      const completedBefore = await completedTasks();
      const server = await spawnServerProcess(env);
      await waitForProgress(completedBefore);
      await new Promise((resolve) => setTimeout(resolve, delay));
      await server.stop("SIGKILL");
      snapshots.push(await snapshotAfterKill());
    }
    const last = await spawnServerProcess(env);
    const statuses = await waitForPlans(planIds).finally(() => last.stop("SIGTERM"));

    expect(statuses, context).toEqual(["completed", "completed", "completed"]);
    const final = new Map((await database.db.taskPlanTask.findMany({ select: { taskId: true, status: true, attempts: true } })).map((row) => [row.taskId, row]));
    expect([...final.values()].every((task) => task.status === "completed"), context).toBe(true);
    for (const [index, kill] of snapshots.entries()) {
      const later = new Set(seen.filter((request) => request.at > kill.at).map((request) => request.taskId));
      for (const [taskId, attempts] of kill.completed) {
        expect(later.has(taskId), `${context}: ${taskId} was completed at kill ${index + 1} and ran again`).toBe(false);
        expect(final.get(taskId)?.attempts, `${context}: ${taskId} claimed again after kill ${index + 1}`).toBe(attempts);
      }
      for (const [taskId, attempts] of kill.running) {
        expect(final.get(taskId)!.attempts, `${context}: ${taskId} was running at kill ${index + 1}`).toBeGreaterThan(attempts);
      }
    }
    const outbox = await database.db.planEventOutbox.findMany({ select: { type: true, payload: true, publishedAt: true } });
    const ends = outbox.filter((row) => row.type === "task-end").map((row) => (row.payload as { taskId: string }).taskId);
    expect(ends.sort(), context).toEqual([...final.keys()].sort());
    expect(outbox.filter((row) => row.type === "plan-end")).toHaveLength(3);
    expect(outbox.every((row) => row.publishedAt !== null), context).toBe(true);
  },
  180_000,
);
