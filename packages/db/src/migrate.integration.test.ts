import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres.js";
import { defaultMigrationsDirectory, migrate } from "./migrate.js";
import { testDatabaseAdminUrl } from "./testing/test-database.js";

const migrationNames = ["20261121000000_init", "20261121100000_agent_memories", "20261121200000_agent_runtime", "20261121300000_orchestrator", "20261122000000_tool_invocations"];

const name = `codelab_test_${randomBytes(6).toString("hex")}`;
const url = new URL(testDatabaseAdminUrl);
url.pathname = `/${name}`;
const connectionString = url.toString();

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: testDatabaseAdminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function query<Row extends pg.QueryResultRow>(sql: string, database = connectionString): Promise<Row[]> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return (await client.query<Row>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migrate", () => {
  beforeAll(() => admin(`CREATE DATABASE "${name}"`));
  afterAll(() => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));

  it("applies every migration to an empty database and records it as Prisma does", async () => {
    const result = await migrate({ connectionString });
    expect(result.applied).toEqual(migrationNames);
    expect(result.alreadyApplied).toEqual([]);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((row) => row.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      const sql = await readFile(join(defaultMigrationsDirectory, row.migration_name, "migration.sql"), "utf8");
      expect(row).toMatchObject({ checksum: createHash("sha256").update(sql).digest("hex"), applied_steps_count: 1 });
      expect(row.finished_at).toBeInstanceOf(Date);
    }
  });

  it("creates the tables and the indexes the architecture lists", async () => {
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining([
        "users",
        "user_projects",
        "user_agents",
        "chat_sessions",
        "messages",
        "task_plans",
        "task_plan_tasks",
        "agent_memories",
        "agent_memory_revisions",
      ]),
    );
    const indexes = await query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`);
    expect(indexes.map((row) => row.indexname)).toEqual(
      expect.arrayContaining([
        "ix_task_plans_user_id_project_id",
        "ix_task_plans_session_id",
        "ix_task_plans_status_created_at",
        "ix_task_plan_tasks_plan_id",
        "ix_task_plan_tasks_agent_id",
        "ix_task_plan_tasks_status",
        "ix_agent_memories_user_id_project_id_agent_id_created_at",
      ]),
    );
  });

  it("is a no-op the second time, even when several processes run it at once", async () => {
    const results = await Promise.all([migrate({ connectionString }), migrate({ connectionString })]);
    for (const result of results) {
      expect(result.applied).toEqual([]);
      expect(result.alreadyApplied).toEqual(migrationNames);
    }
    const [{ count }] = (await query<{ count: string }>(`SELECT count(*) FROM "_prisma_migrations"`)) as [{ count: string }];
    expect(Number(count)).toBe(migrationNames.length);
  });

  it("applies each migration once when runs share the embedded server's one session", { timeout: 60_000 }, async () => {
    // The advisory lock cannot keep such runs apart, as it does the sessions of a real server.
    const directory = await mkdtemp(join(tmpdir(), "codelab-embedded-"));
    const embedded = await startEmbeddedPostgres({ dataDirectory: join(directory, "data") });
    try {
      const results = await Promise.all([migrate({ connectionString: embedded.connectionString }), migrate({ connectionString: embedded.connectionString })]);

      expect(results.flatMap((result) => result.applied).sort()).toEqual(migrationNames);
      for (const result of results) expect([...result.applied, ...result.alreadyApplied].sort()).toEqual(migrationNames);
      const recorded = await query<{ migration_name: string }>(`SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`, embedded.connectionString);
      expect(recorded.map((row) => row.migration_name)).toEqual(migrationNames);
    } finally {
      await embedded.stop();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
