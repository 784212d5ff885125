import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, queryRows, type Database } from "./client.js";
import { startEmbeddedPostgres } from "./embedded-postgres.js";
import { Prisma } from "./generated/prisma/client.js";
import { createTestDatabase, type TestDatabase } from "./testing/test-database.js";

/** The statements the session answering this query has prepared through the protocol (not `PREPARE`), with their names. */
const preparedInSession = (db: Database) =>
  db.$queryRaw<Array<{ name: string; statement: string }>>`SELECT name, statement FROM pg_prepared_statements WHERE NOT from_sql`;

/** The parameter and column types the plan engine's statements use, there and back. */
async function expectTypedRoundTrip(db: Database): Promise<void> {
  const at = new Date("2026-11-22T10:00:00.123Z");
  const [row] = await queryRows<{ ids: string[]; payloads: unknown[]; bytes: Buffer[]; at: Date; count: number; big: string; ratio: number }>(
    db,
    Prisma.sql`
      SELECT ${["a", "b"]}::text[] AS ids, ${[JSON.stringify({ n: 1 }), JSON.stringify([true])]}::jsonb[] AS payloads,
        ${[new Uint8Array([1, 2, 255])]}::bytea[] AS bytes, ${at}::timestamptz AS at, ${2}::int AS count,
        ${"9007199254740993"}::int8 AS big, ${0.25}::float8 AS ratio`,
  );
  expect(row).toEqual({ ids: ["a", "b"], payloads: [{ n: 1 }, [true]], bytes: [Buffer.from([1, 2, 255])], at, count: 2, big: "9007199254740993", ratio: 0.25 });
}

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

describe("prepared statements", () => {
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

describe("queryRows", () => {
  it("passes arrays, json, bytes and times as parameters and reads rows as pg types them", async () => {
    await expectTypedRoundTrip(prepared);
  });

  it("does the same on the embedded server, where statements go unnamed", { timeout: 60_000 }, async () => {
    const directory = await mkdtemp(join(tmpdir(), "codelab-embedded-"));
    const embedded = await startEmbeddedPostgres({ dataDirectory: join(directory, "data") });
    const db = createDatabase({ connectionString: embedded.connectionString, maxConnections: 1, preparedStatements: false });
    try {
      await expectTypedRoundTrip(db);
    } finally {
      await db.$disconnect();
      await embedded.stop();
      await rm(directory, { recursive: true, force: true });
    }
  });

  it("prepares each text once per connection under the client's statement names, and none when they are off", async () => {
    const echo = (db: Database, value: string) => queryRows<{ value: string }>(db, Prisma.sql`SELECT ${value}::text AS value, 'query-rows' AS marker`);
    expect(await echo(prepared, "a")).toEqual([{ value: "a", marker: "query-rows" }]);
    expect(await echo(prepared, "b")).toEqual([{ value: "b", marker: "query-rows" }]);
    const named = (await preparedInSession(prepared)).filter((row) => row.statement.includes("'query-rows'"));
    expect(named).toHaveLength(1);
    expect(named[0]!.name).toMatch(/^codelab_[0-9a-f]{40}$/);

    expect(await echo(unprepared, "c")).toEqual([{ value: "c", marker: "query-rows" }]);
    expect(await preparedInSession(unprepared)).toEqual([]);
  });

  it("reports a failing statement with Postgres's own error, and the connection stays usable", async () => {
    await expect(queryRows(prepared, Prisma.sql`SELECT 1 / ${0}::int`)).rejects.toMatchObject({ code: "22012" });
    expect(await queryRows(prepared, Prisma.sql`SELECT ${1}::int AS one`)).toEqual([{ one: 1 }]);
  });

  it("closes its connections with the client", async () => {
    const closing = createDatabase({ connectionString: database.connectionString, maxConnections: 1 });
    expect(await queryRows(closing, Prisma.sql`SELECT ${1}::int AS one`)).toEqual([{ one: 1 }]);
    await closing.$disconnect();
    await expect(queryRows(closing, Prisma.sql`SELECT ${1}::int AS one`)).rejects.toThrow(/pool/i);
  });
});
