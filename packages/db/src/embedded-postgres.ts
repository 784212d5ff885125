import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  connectionString: string;
  /** False when another process of ours already serves this data directory and we joined it. */
  owned: boolean;
  stop(): Promise<void>;
}

export interface StartEmbeddedPostgresOptions {
  /** Directory that holds the database files; it survives restarts. */
  dataDirectory: string;
  /** 0 picks a free port. */
  port?: number;
}

interface Lock {
  pid: number;
  connectionString: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The directories this process serves or is starting to serve. The lock file cannot say so: a lock
 * naming this process's pid is taken for one an earlier process left behind (a server is pid 1 at
 * every start of its container).
 */
const servedHere = new Map<string, Promise<EmbeddedPostgres>>();

const joined = (connectionString: string): EmbeddedPostgres => ({ connectionString, owned: false, stop: () => Promise.resolve() });

async function readLock(lockFile: string): Promise<Lock | undefined> {
  try {
    const lock = JSON.parse(await readFile(lockFile, "utf8")) as Lock;
    return isAlive(lock.pid) && lock.pid !== process.pid ? lock : undefined;
  } catch {
    return undefined;
  }
}

/** The owner's connection, and those of the processes that join it (their migration checks included). */
const joiningConnections = 8;

/**
 * PostgreSQL compiled to WebAssembly, served on a loopback port so that `pg` and Prisma's
 * driver adapter talk to it exactly as they talk to a real server. Used when no DATABASE_URL
 * is configured, so a new user needs nothing installed. It serializes queries: one
 * connection's worth of throughput, which is plenty for one person.
 *
 * Two PGlite instances on one directory would corrupt it, so the owner records its address in a
 * lock file and a second process (the token CLI while the server runs) connects to that instead,
 * as does a second start in the owner's own process.
 * Its socket server takes a few connections and runs their queries one at a time, holding the
 * others' while one has a transaction open.
 */
export async function startEmbeddedPostgres({
  dataDirectory,
  port = 0,
}: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const directory = resolve(dataDirectory);
  const served = servedHere.get(directory);
  if (served) return joined((await served).connectionString);
  const starting = serve(directory, port);
  servedHere.set(directory, starting);
  try {
    const embedded = await starting;
    if (!embedded.owned) servedHere.delete(directory);
    return embedded;
  } catch (error) {
    servedHere.delete(directory);
    throw error;
  }
}

async function serve(dataDirectory: string, port: number): Promise<EmbeddedPostgres> {
  const lockFile = `${dataDirectory}.lock.json`;
  const running = await readLock(lockFile);
  if (running) return joined(running.connectionString);

  await mkdir(dataDirectory, { recursive: true });
  const database = await PGlite.create({ dataDir: dataDirectory });
  const server = new PGLiteSocketServer({ db: database, host: "127.0.0.1", port, maxConnections: joiningConnections });
  await server.start();
  const connectionString = `postgresql://postgres:postgres@${server.getServerConn()}/postgres?sslmode=disable`;
  await writeFile(lockFile, JSON.stringify({ pid: process.pid, connectionString } satisfies Lock));
  return {
    connectionString,
    owned: true,
    async stop() {
      try {
        await server.stop();
        await database.close();
        await rm(lockFile, { force: true });
      } finally {
        // Only now: a start meanwhile must not open the files while they are still open here.
        servedHere.delete(dataDirectory);
      }
    },
  };
}
