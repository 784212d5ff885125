import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDatabase, type Database } from "../client.js";
import { migrate } from "../migrate.js";

export const testDatabaseAdminUrl =
  process.env.TEST_DATABASE_ADMIN_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  name: string;
  connectionString: string;
  db: Database;
  [Symbol.asyncDispose](): Promise<void>;
  drop(): Promise<void>;
}

function withDatabase(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function runAdmin(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: testDatabaseAdminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A freshly created, migrated database of its own, so test suites never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `codelab_test_${randomBytes(6).toString("hex")}`;
  await runAdmin(`CREATE DATABASE "${name}"`);
  const connectionString = withDatabase(testDatabaseAdminUrl, name);
  await migrate({ connectionString });
  const db = createDatabase({ connectionString });
  const drop = async () => {
    await db.$disconnect();
    await runAdmin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  };
  return { name, connectionString, db, drop, [Symbol.asyncDispose]: drop };
}
