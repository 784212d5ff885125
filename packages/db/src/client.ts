import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";
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

/** A Prisma client on the `pg` driver adapter: no native query engine is needed at run time. */
export function createDatabase({ connectionString, maxConnections = 10, preparedStatements = true }: CreateDatabaseOptions): Database {
  const adapter = new PrismaPg(
    { connectionString, max: maxConnections },
    preparedStatements ? { statementNameGenerator: preparedStatementNames() } : {},
  );
  return new PrismaClient({ adapter });
}
