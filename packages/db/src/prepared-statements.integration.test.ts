import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type Database } from "./client.js";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.js";

/** The statements the session answering this query has prepared through the protocol (not `PREPARE`). */
const preparedInSession = (db: Database) =>
  db.$queryRaw<Array<{ statement: string }>>`SELECT statement FROM pg_prepared_statements WHERE NOT from_sql`;

describe("prepared statements", () => {
  let database: TestDatabase;
  // One connection each, so every query of a client runs in the same session.
  let prepared: Database;
  let unprepared: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    prepared = createDatabase({ connectionString: database.connectionString, maxConnections: 1 });
    unprepared = createDatabase({ connectionString: database.connectionString, maxConnections: 1, preparedStatements: false });
  });
  afterAll(async () => {
    await Promise.all([prepared.$disconnect(), unprepared.$disconnect()]);
    await database.drop();
  });

  it("prepares a statement once per connection and runs it again by name", async () => {
    for (let call = 0; call < 3; call++) expect(await prepared.user.count({ where: { email: "nobody@example.com" } })).toBe(0);
    const statements = (await preparedInSession(prepared)).map((row) => row.statement);
    expect(statements.filter((statement) => statement.includes(`FROM "public"."users"`))).toHaveLength(1);
  });

  it("prepares nothing when turned off", async () => {
    expect(await unprepared.user.count()).toBe(0);
    expect(await preparedInSession(unprepared)).toEqual([]);
  });

  it("keeps raw statements and interactive transactions working on named statements", async () => {
    const echo = (name: string) => prepared.$queryRaw<Array<{ name: string }>>`SELECT ${name}::text AS name`;
    expect(await echo("a")).toEqual([{ name: "a" }]);
    expect(await echo("b")).toEqual([{ name: "b" }]);
    const counted = await prepared.$transaction(async (tx) => [await tx.user.count(), await tx.user.count()]);
    expect(counted).toEqual([0, 0]);
  });
});
