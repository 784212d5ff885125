import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase, queryRows, type Database } from "./client.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres.js";
import { Prisma } from "./generated/prisma/client.js";

let directory: string;
const started: EmbeddedPostgres[] = [];
const clients: Database[] = [];

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "codelab-embedded-"));
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((db) => db.$disconnect()));
  for (const embedded of started.splice(0).reverse()) await embedded.stop();
  await rm(directory, { recursive: true, force: true });
});

async function start(dataDirectory = join(directory, "data")): Promise<EmbeddedPostgres> {
  const embedded = await startEmbeddedPostgres({ dataDirectory });
  started.push(embedded);
  return embedded;
}

function connect({ connectionString }: EmbeddedPostgres): Database {
  const db = createDatabase({ connectionString, maxConnections: 1, preparedStatements: false });
  clients.push(db);
  return db;
}

describe("embedded PostgreSQL", () => {
  it("joins the server this process already runs on a directory rather than opening the directory twice", { timeout: 60_000 }, async () => {
    const [owner, second] = await Promise.all([start(), start()]);

    expect([owner.owned, second.owned].sort()).toEqual([false, true]);
    expect(second.connectionString).toBe(owner.connectionString);
    await queryRows(connect(owner), Prisma.sql`CREATE TABLE seen (value text)`);
    await queryRows(connect(second), Prisma.sql`INSERT INTO seen VALUES ('through the joiner') RETURNING value`);
    expect(await queryRows(connect(owner), Prisma.sql`SELECT value FROM seen`)).toEqual([{ value: "through the joiner" }]);
  });

  it("takes a lock that names this process as one an earlier process left behind", { timeout: 60_000 }, async () => {
    const dataDirectory = join(directory, "data");
    await writeFile(`${dataDirectory}.lock.json`, JSON.stringify({ pid: process.pid, connectionString: "postgresql://127.0.0.1:1/postgres" }));

    const embedded = await start(dataDirectory);

    expect(embedded.owned).toBe(true);
    expect(await queryRows(connect(embedded), Prisma.sql`SELECT ${1}::int AS one`)).toEqual([{ one: 1 }]);
  });

  it("serves the directory again once its server has stopped", { timeout: 60_000 }, async () => {
    const first = await startEmbeddedPostgres({ dataDirectory: join(directory, "data") });
    await first.stop();

    const again = await start();

    expect(again.owned).toBe(true);
    expect(await queryRows(connect(again), Prisma.sql`SELECT ${2}::int AS two`)).toEqual([{ two: 2 }]);
  });
});
