import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

// `prisma migrate deploy` needs Prisma's native schema engine, which cannot be downloaded
// everywhere CodeLab runs. This migrator applies the same SQL files and records them in
// `_prisma_migrations` exactly as Prisma does, so `prisma migrate deploy/status` keep working
// wherever the engine is available.

export const defaultMigrationsDirectory = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

const migrationsTableSql = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// Any constant works; it only has to be the same for every CodeLab process sharing a database.
const migrationLockKey = 72_616_161;

export interface MigrateOptions {
  connectionString: string;
  migrationsDirectory?: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: string[];
}

interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

async function readMigrations(directory: string): Promise<MigrationFile[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(join(directory, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

const appliedMigrations = `FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;

/**
 * Applies one migration in a transaction and records it, unless a run sharing this session
 * recorded it first: then its recorded checksum. Connections to the embedded server share one
 * session, so the advisory lock does not keep such a run out; the server runs each transaction
 * alone, so the look inside it is decisive.
 */
async function applyUnlessRecorded(client: pg.Client, migration: MigrationFile): Promise<string | undefined> {
  await client.query("BEGIN");
  try {
    const recorded = await client.query<{ checksum: string }>(`SELECT checksum ${appliedMigrations} AND migration_name = $1`, [migration.name]);
    if (recorded.rows[0]) {
      await client.query("ROLLBACK");
      return recorded.rows[0].checksum;
    }
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query("COMMIT");
    return undefined;
  } catch (error) {
    await client.query("ROLLBACK");
    throw new Error(`Migration ${migration.name} failed`, { cause: error });
  }
}

/** Applies every pending migration, each in its own transaction. Safe to run concurrently and repeatedly. */
export async function migrate({
  connectionString,
  migrationsDirectory = defaultMigrationsDirectory,
}: MigrateOptions): Promise<MigrateResult> {
  const migrations = await readMigrations(migrationsDirectory);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [migrationLockKey]);
    await client.query(migrationsTableSql);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(`SELECT migration_name, checksum ${appliedMigrations}`);
    const recorded = new Map(rows.map((row) => [row.migration_name, row.checksum]));
    const result: MigrateResult = { applied: [], alreadyApplied: [] };

    for (const migration of migrations) {
      const recordedChecksum = recorded.get(migration.name) ?? (await applyUnlessRecorded(client, migration));
      if (recordedChecksum === undefined) {
        result.applied.push(migration.name);
        continue;
      }
      if (recordedChecksum !== migration.checksum) {
        throw new Error(`Migration ${migration.name} was edited after it was applied (checksum mismatch).`);
      }
      result.alreadyApplied.push(migration.name);
    }
    return result;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [migrationLockKey]).catch(() => undefined);
    await client.end();
  }
}
