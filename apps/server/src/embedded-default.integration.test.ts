import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createCodelabClient } from "@codelab/sdk";
import { spawnServerProcess, type ServerProcess } from "./testing/spawn-server-process.js";

// With no DATABASE_URL and no REDIS_URL the server must run on its embedded defaults and keep
// its data on disk: a project created before a restart is there after it.

describe("the embedded default", () => {
  const dataDirectories: string[] = [];
  const servers: ServerProcess[] = [];

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop("SIGKILL")));
    await Promise.all(dataDirectories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  async function newDataDirectory(): Promise<string> {
    const directory = await mkdtemp(join(tmpdir(), "codelab-embedded-"));
    dataDirectories.push(directory);
    return directory;
  }

  async function startServer(env: Record<string, string>): Promise<ServerProcess> {
    const server = await spawnServerProcess(env);
    servers.push(server);
    return server;
  }

  it("keeps users and projects across a restart", { timeout: 150_000 }, async () => {
    const env = { CODELAB_DATA_DIR: await newDataDirectory(), PORT: "0", NODE_ENV: "development" };

    let server = await startServer(env);
    expect(server.output()).toContain("embedded PostgreSQL (PGlite)");
    expect(server.output()).toContain("in-process (no REDIS_URL)");
    const credentials = { email: "embedded@example.test", password: "correct horse battery" };
    const { accessToken } = await createCodelabClient({ url: server.url }).auth.register.mutate(credentials);
    const created = await createCodelabClient({ url: server.url, token: accessToken }).projects.create.mutate({
      name: "Survives restarts",
    });
    await server.stop("SIGTERM");

    server = await startServer(env);
    // The generated development secret is kept too, so the token from before still works.
    const client = createCodelabClient({ url: server.url, token: accessToken });
    const { projects } = await client.projects.list.query();
    expect(projects.map((project) => [project.id, project.name])).toEqual([[created.id, "Survives restarts"]]);
    const { agents } = await client.agents.list.query({ projectId: created.id });
    expect(agents.map((agent) => agent.name)).toEqual(["CodeAssistant", "DataAnalyst", "DocumentWriter"]);
  });

  it("mints a token from the command line while the server runs, as its banner says", { timeout: 150_000 }, async () => {
    const env = { CODELAB_DATA_DIR: await newDataDirectory(), PORT: "0", NODE_ENV: "development" };
    const server = await startServer(env);
    const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
    const cli = fileURLToPath(new URL("./cli/mint-token.ts", import.meta.url));

    // The command joins the server's database rather than opening the data directory a second time.
    const { stdout } = await promisify(execFile)(`${repositoryRoot}node_modules/.bin/tsx`, [cli, "--email", "cli@example.test"], {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH, ...env },
    });

    const me = await createCodelabClient({ url: server.url, token: stdout.trim() }).auth.me.query();
    expect(me.email).toBe("cli@example.test");
  });
});
