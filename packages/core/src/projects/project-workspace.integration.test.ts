import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { createMetrics } from "../metrics/metrics.js";
import { createPostgresMemoryStore } from "../memory/postgres-memory-store.js";
import { createLocalEmbedder } from "../memory/local-embedder.js";
import { createFixedClock } from "../testing/fixed-clock.js";
import { seedUser } from "../testing/seed-user.js";
import { createLocalWorkspaces } from "../workspace/create-local-workspaces.js";
import { createProject } from "./create-project.js";
import { deleteProject } from "./delete-project.js";

let database: TestDatabase;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  base = await mkdtemp(join(tmpdir(), "codelab-project-workspaces-"));
});

afterAll(async () => {
  await database.drop();
  await rm(base, { recursive: true, force: true });
});

const memory = () => createPostgresMemoryStore({ db: database.db, embedder: createLocalEmbedder(), clock: createFixedClock() });

describe("a project's workspace", () => {
  it("is created with the project and removed with it", async () => {
    const workspaces = createLocalWorkspaces({ root: join(base, "lifetime") });
    const { user } = await seedUser(database.db);

    const project = await createProject({ db: database.db, metrics: createMetrics(), workspaces }, { userId: user.id, name: "Atlas", workspacePath: "/not/trusted" });
    const workspace = workspaces.open(project.id);
    await workspace.write("notes.txt", Buffer.from("kept until the project goes"));

    expect(workspace.directory).toBe(join(base, "lifetime", project.id));
    expect(existsSync(join(workspace.directory, "notes.txt"))).toBe(true);
    expect(existsSync("/not/trusted")).toBe(false);

    await deleteProject({ db: database.db, memory: memory(), workspaces }, { userId: user.id, projectId: project.id });

    expect(existsSync(workspace.directory)).toBe(false);
  });

  it("stays when another user tries to delete the project", async () => {
    const workspaces = createLocalWorkspaces({ root: join(base, "foreign") });
    const [owner, stranger] = [await seedUser(database.db), await seedUser(database.db)];
    const project = await createProject({ db: database.db, metrics: createMetrics(), workspaces }, { userId: owner.user.id, name: "Mine" });
    await workspaces.open(project.id).write("notes.txt", Buffer.from("mine"));

    await expect(
      deleteProject({ db: database.db, memory: memory(), workspaces }, { userId: stranger.user.id, projectId: project.id }),
    ).rejects.toMatchObject({ code: "PROJECT_NOT_FOUND" });

    expect(existsSync(join(workspaces.open(project.id).directory, "notes.txt"))).toBe(true);
  });

  it("that cannot be created takes the new project back with it", async () => {
    // A file where the root directory should be: every mkdir under it fails, as on a full or read-only disk.
    const blocked = join(base, "blocked");
    await writeFile(blocked, "not a directory");
    const { user } = await seedUser(database.db);
    const before = await database.db.userProject.count({ where: { userId: user.id } });

    await expect(
      createProject({ db: database.db, metrics: createMetrics(), workspaces: createLocalWorkspaces({ root: blocked }) }, { userId: user.id, name: "Doomed" }),
    ).rejects.toMatchObject({ code: "ENOTDIR" });

    expect(await database.db.userProject.count({ where: { userId: user.id } })).toBe(before);
    expect(await database.db.userAgent.count({ where: { userId: user.id, project: { name: "Doomed" } } })).toBe(0);
  });
});
