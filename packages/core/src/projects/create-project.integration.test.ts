import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { createMetrics } from "../metrics/metrics.js";
import { seedUser } from "../testing/seed-user.js";
import { createProject } from "./create-project.js";
import { defaultStarterPack } from "./starter-pack.js";

describe("createProject", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  it("creates the project with the starter pack from the design documents", async () => {
    const { user } = await seedUser(database.db);
    const metrics = createMetrics();
    const project = await createProject({ db: database.db, metrics }, { userId: user.id, name: "Atlas", workspacePath: "/w" });

    const agents = await database.db.userAgent.findMany({ where: { projectId: project.id }, orderBy: { name: "asc" } });
    expect(agents.map((agent) => [agent.name, agent.userId, agent.status, (agent.config as { tools: string[] }).tools])).toEqual([
      ["CodeAssistant", user.id, "READY", ["code_executor", "file_reader"]],
      ["DataAnalyst", user.id, "READY", ["python_exec", "data_visualizer"]],
      ["DocumentWriter", user.id, "READY", ["text_formatter"]],
    ]);
    expect((await metrics.projectCreations.get()).values[0]?.value).toBe(1);
  });

  it("leaves nothing behind when a starter agent fails after the project row", async () => {
    const { user } = await seedUser(database.db);
    const projectsBefore = await database.db.userProject.count({ where: { userId: user.id } });
    const agentsBefore = await database.db.userAgent.count({ where: { userId: user.id } });
    // Two agents with one name violate the per-project unique index, after the project insert succeeded.
    const failingPack = [...defaultStarterPack, defaultStarterPack[0]!];

    await expect(
      createProject({ db: database.db, metrics: createMetrics(), starterPack: failingPack }, { userId: user.id, name: "Doomed" }),
    ).rejects.toThrow();

    expect(await database.db.userProject.count({ where: { userId: user.id } })).toBe(projectsBefore);
    expect(await database.db.userProject.count({ where: { name: "Doomed" } })).toBe(0);
    expect(await database.db.userAgent.count({ where: { userId: user.id } })).toBe(agentsBefore);
  });
});
