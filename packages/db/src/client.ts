import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client.js";

export type Database = PrismaClient;

export interface CreateDatabaseOptions {
  connectionString: string;
  /** Pool size; the embedded server serializes queries, so a small pool is enough there. */
  maxConnections?: number;
}

/** A Prisma client on the `pg` driver adapter: no native query engine is needed at run time. */
export function createDatabase({ connectionString, maxConnections = 10 }: CreateDatabaseOptions): Database {
  const adapter = new PrismaPg({ connectionString, max: maxConnections });
  return new PrismaClient({ adapter });
}
