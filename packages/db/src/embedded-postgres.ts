import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  connectionString: string;
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** Directory that holds the database files; it survives restarts. */
  dataDirectory: string;
  /** 0 picks a free port. */
  port?: number;
}

/**
 * PostgreSQL compiled to WebAssembly, served on a loopback port so that `pg` and Prisma's
 * driver adapter talk to it exactly as they talk to a real server. Used when no DATABASE_URL
 * is configured, so a new user needs nothing installed. It serializes queries: one
 * connection's worth of throughput, which is plenty for one person.
 */
export async function startEmbeddedPostgres({
  dataDirectory,
  port = 0,
}: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  await mkdir(dataDirectory, { recursive: true });
  const database = await PGlite.create({ dataDir: dataDirectory });
  const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port });
  await server.start();
  const address = server.getServerConn();
  return {
    connectionString: `postgresql://postgres:postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await database.close();
    },
  };
}
