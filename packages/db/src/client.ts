import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "./generated/prisma/client.js";
import { preparedStatementNames } from "./prepared-statements.js";

export type Database = PrismaClient;

export interface CreateDatabaseOptions {
  connectionString: string;
  /** Pool size; the embedded server serializes queries, so a small pool is enough there. */
  maxConnections?: number;
  /**
   * Prepares each statement once per connection (see `preparedStatementNames`). Off for a pooler
   * that hands one session's statements to another (PgBouncer in transaction mode) and for the
   * embedded server, whose socket connections share one session, where names would collide.
   */
  preparedStatements?: boolean;
}

interface DatabasePool {
  pool: pg.Pool;
  statementName: ((query: { sql: string }) => string) | undefined;
}

/** The pool under each client `createDatabase` made, for `queryRows`. */
const pools = new WeakMap<Database, DatabasePool>();

/** A Prisma client on the `pg` driver adapter: no native query engine is needed at run time. */
export function createDatabase({ connectionString, maxConnections = 10, preparedStatements = true }: CreateDatabaseOptions): Database {
  const pool = new pg.Pool({ connectionString, max: maxConnections });
  // A connection that dies while idle (the server restarted, the database was dropped) leaves the
  // pool by itself and the next query opens another; unheard, the event would end the process.
  pool.on("error", () => undefined);
  const statementName = preparedStatements ? preparedStatementNames() : undefined;
  const adapter = new PrismaPg(pool, statementName ? { statementNameGenerator: statementName } : {});
  const db = new PrismaClient({ adapter });
  pools.set(db, { pool, statementName });
  // The pool is this function's, so it ends with the client; Prisma only lets go of it (and not at
  // all if it never connected, as when only `queryRows` ran).
  const disconnect = db.$disconnect.bind(db);
  let ended: Promise<void> | undefined;
  db.$disconnect = async () => {
    await disconnect();
    await (ended ??= pool.end());
  };
  return db;
}

/**
 * Runs one statement of hand-written SQL on the connections under `db`, past the Prisma client's
 * query compiler and interpreter. On the plan engine's per-task statements those cost as much as
 * `pg` itself: about 0.45 ms of the 1.1 ms of main-thread time each statement took in the chain
 * benchmark. Statements are prepared and named as the client's are. Rows come as `pg` reads them:
 * json and jsonb parsed, int4 and float8 as numbers, int8 and numeric as strings, timestamps as Dates.
 */
export async function queryRows<Row>(db: Database, query: Prisma.Sql): Promise<Row[]> {
  const owner = pools.get(db);
  if (!owner) throw new Error("queryRows needs a client made by createDatabase");
  const text = query.text;
  const name = owner.statementName?.({ sql: text });
  const result = await owner.pool.query({ text, values: query.values, ...(name ? { name } : {}) });
  return result.rows as Row[];
}
