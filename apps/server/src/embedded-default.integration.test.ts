import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createCodelabClient } from "@codelab/sdk";
import { spawnServerProcess, type ServerProcess } from "./testing/spawn-server-process.js";

// With no DATABASE_URL and no REDIS_URL the server must run on its embedded defaults and keep
// its data on disk: a project created before a restart is there after it.

describe("the embedded default", () => {
  let dataDirectory: string;
  let server: ServerProcess | undefined;

  afterAll(async () => {
    await server?.stop("SIGKILL");
    await rm(dataDirectory, { recursive: true, force: true });
  });

  it("keeps users and projects across a restart", { timeout: 150_000 }, async () => {
    dataDirectory = await mkdtemp(join(tmpdir(), "codelab-embedded-"));
    const env = { CODELAB_DATA_DIR: dataDirectory, PORT: "0", NODE_ENV: "development" };

    server = await spawnServerProcess(env);
    expect(server.output()).toContain("embedded PostgreSQL (PGlite)");
    expect(server.output()).toContain("in-process (no REDIS_URL)");
    const credentials = { email: "embedded@example.test", password: "correct horse battery" };
    const { accessToken } = await createCodelabClient({ url: server.url }).auth.register.mutate(credentials);
    const created = await createCodelabClient({ url: server.url, token: accessToken }).projects.create.mutate({
      name: "Survives restarts",
    });
    await server.stop("SIGTERM");

    server = await spawnServerProcess(env);
    // The generated development secret is kept too, so the token from before still works.
    const client = createCodelabClient({ url: server.url, token: accessToken });
    const { projects } = await client.projects.list.query();
    expect(projects.map((project) => [project.id, project.name])).toEqual([[created.id, "Survives restarts"]]);
    const { agents } = await client.agents.list.query({ projectId: created.id });
    expect(agents.map((agent) => agent.name)).toEqual(["CodeAssistant", "DataAnalyst", "DocumentWriter"]);
  });
});
