import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createRestClient,
  signUp,
  startTestServer,
  type RestAgent,
  type RestClient,
  type RestError,
  type RestProject,
  type TestServer,
} from "../testing/index.js";

const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let server: TestServer;
let rest: RestClient;
let userId: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = await signUp(server.url);
  userId = user.userId;
  rest = createRestClient(server.url, user.token);
});

afterAll(async () => {
  await server.close();
});

async function createProject(name = `Project ${randomUUID()}`): Promise<RestProject> {
  const response = await rest.post<RestProject>("/my/projects/", { name });
  expect(response.status).toBe(201);
  return response.body;
}

/** Separate users keep list assertions independent of the projects other tests create. */
async function freshUserClient(): Promise<RestClient> {
  const user = await signUp(server.url);
  return createRestClient(server.url, user.token);
}

// Distinct creation timestamps make "newest first" a well-defined order.
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("POST /my/projects/", () => {
  it("answers 201 with exactly the documented snake_case fields", async () => {
    const response = await rest.post<RestProject>("/my/projects/", { name: "  Research  ", workspace_path: "/srv/research" });

    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(["created_at", "id", "name", "updated_at", "user_id", "workspace_path"]);
    expect(response.body).toMatchObject({ user_id: userId, name: "Research", workspace_path: "/srv/research" });
    expect(response.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body.created_at).toMatch(isoTimestamp);
    expect(response.body.updated_at).toMatch(isoTimestamp);
  });

  it("stores a missing workspace path as null", async () => {
    const project = await createProject();

    expect(project.workspace_path).toBeNull();
  });

  it("gives every new project the three starter agents with their documented tools", async () => {
    const project = await createProject();

    const response = await rest.get<{ agents: RestAgent[]; total: number }>(`/my/projects/${project.id}/agents/`);

    expect(response.status).toBe(200);
    expect(response.body.total).toBe(3);
    const summary = response.body.agents.map(({ name, status, project_id, config }) => ({
      name,
      status,
      project_id,
      tools: config.tools,
      role: config.metadata.role,
    }));
    expect(summary).toEqual([
      { name: "CodeAssistant", status: "READY", project_id: project.id, tools: ["code_executor", "file_reader"], role: "developer" },
      { name: "DataAnalyst", status: "READY", project_id: project.id, tools: ["python_exec", "data_visualizer"], role: "analyst" },
      { name: "DocumentWriter", status: "READY", project_id: project.id, tools: ["text_formatter"], role: "writer" },
    ]);
    for (const { config } of response.body.agents) {
      expect(config.system_prompt.length).toBeGreaterThan(0);
      expect(config.model.length).toBeGreaterThan(0);
      expect(config).toMatchObject({ temperature: 0.7, max_tokens: 4096 });
    }
  });

  it("refuses a missing or blank name, listing the field", async () => {
    for (const body of [{}, { name: "   " }, { name: "x".repeat(256) }]) {
      const response = await rest.post<RestError>("/my/projects/", body);

      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe("VALIDATION_FAILED");
      expect(response.body.error.details.fields?.map(({ field }) => field)).toEqual(["name"]);
    }
  });

  it("refuses ownership and state fields instead of applying them", async () => {
    const client = await freshUserClient();
    const response = await client.post<RestError>("/my/projects/", {
      name: "Hijack",
      user_id: randomUUID(),
      status: "ARCHIVED",
      owner: "someone-else",
    });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields?.map(({ field }) => field).sort()).toEqual(["owner", "status", "user_id"]);
    const list = await client.get<{ total: number }>("/my/projects/");
    expect(list.body.total).toBe(0);
  });

  it("requires a bearer token", async () => {
    const response = await createRestClient(server.url).post<RestError>("/my/projects/", { name: "Anonymous" });

    expect(response.status).toBe(401);
    expect(response.body.error.code).toBe("UNAUTHENTICATED");
  });
});

describe("GET /my/projects/", () => {
  it("lists the caller's projects newest first with the total", async () => {
    const client = await freshUserClient();
    const names = ["first", "second", "third"];
    for (const name of names) {
      expect((await client.post("/my/projects/", { name })).status).toBe(201);
      await nextMillisecond();
    }

    const response = await client.get<{ projects: RestProject[]; total: number }>("/my/projects/");

    expect(response.status).toBe(200);
    expect(response.body.total).toBe(3);
    expect(response.body.projects.map(({ name }) => name)).toEqual(["third", "second", "first"]);
  });

  it("pages with limit and offset while the total stays whole", async () => {
    const client = await freshUserClient();
    for (const name of ["a", "b", "c"]) {
      expect((await client.post("/my/projects/", { name })).status).toBe(201);
      await nextMillisecond();
    }

    const firstPage = await client.get<{ projects: RestProject[]; total: number }>("/my/projects/?limit=2");
    const secondPage = await client.get<{ projects: RestProject[]; total: number }>("/my/projects/?limit=2&offset=2");

    expect(firstPage.body.projects.map(({ name }) => name)).toEqual(["c", "b"]);
    expect(secondPage.body.projects.map(({ name }) => name)).toEqual(["a"]);
    expect([firstPage.body.total, secondPage.body.total]).toEqual([3, 3]);
  });

  it("accepts a page of 100 and refuses 101, zero and non-numbers", async () => {
    expect((await rest.get("/my/projects/?limit=100")).status).toBe(200);
    for (const query of ["limit=101", "limit=0", "limit=abc", "offset=-1", "limit=2.5"]) {
      const response = await rest.get<RestError>(`/my/projects/?${query}`);

      expect(response.status, query).toBe(400);
      expect(response.body.error.details.fields?.map(({ field }) => field), query).toEqual([query.split("=")[0]]);
    }
  });

  it("never lists another user's projects", async () => {
    const client = await freshUserClient();
    await createProject();

    const response = await client.get<{ projects: RestProject[]; total: number }>("/my/projects/");

    expect(response.body).toEqual({ projects: [], total: 0 });
  });
});

describe("GET /my/projects/{project_id}/", () => {
  it("returns the project in the same shape as on creation", async () => {
    const project = await createProject();

    const response = await rest.get<RestProject>(`/my/projects/${project.id}/`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(project);
  });

  it("answers 404 PROJECT_NOT_FOUND for an unknown id", async () => {
    const response = await rest.get<RestError>(`/my/projects/${randomUUID()}/`);

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("PROJECT_NOT_FOUND");
  });

  it("answers 400 naming project_id for a malformed id", async () => {
    const response = await rest.get<RestError>("/my/projects/not-a-uuid/");

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toEqual([{ field: "project_id", message: expect.any(String) as string }]);
  });
});

describe("PATCH /my/projects/{project_id}/", () => {
  it("changes only the given fields and moves updated_at", async () => {
    const project = await rest.post<RestProject>("/my/projects/", { name: "Before", workspace_path: "/srv/kept" });
    await nextMillisecond();

    const response = await rest.patch<RestProject>(`/my/projects/${project.body.id}/`, { name: "After" });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: project.body.id, name: "After", workspace_path: "/srv/kept" });
    expect(response.body.created_at).toBe(project.body.created_at);
    expect(Date.parse(response.body.updated_at)).toBeGreaterThan(Date.parse(project.body.updated_at));
    expect((await rest.get<RestProject>(`/my/projects/${project.body.id}/`)).body).toEqual(response.body);
  });

  it("clears the workspace path with null", async () => {
    const project = await rest.post<RestProject>("/my/projects/", { name: "Clearable", workspace_path: "/srv/gone" });

    const response = await rest.patch<RestProject>(`/my/projects/${project.body.id}/`, { workspace_path: null });

    expect(response.body.workspace_path).toBeNull();
  });

  it("refuses an invalid name and leaves the project as it was", async () => {
    const project = await createProject("Unchanged");

    const response = await rest.patch<RestError>(`/my/projects/${project.id}/`, { name: "", user_id: randomUUID() });

    expect(response.status).toBe(400);
    expect(response.body.error.details.fields?.map(({ field }) => field).sort()).toEqual(["name", "user_id"]);
    expect((await rest.get<RestProject>(`/my/projects/${project.id}/`)).body).toEqual(project);
  });

  it("answers 404 for an unknown project", async () => {
    const response = await rest.patch<RestError>(`/my/projects/${randomUUID()}/`, { name: "Nobody" });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("PROJECT_NOT_FOUND");
  });
});

describe("DELETE /my/projects/{project_id}/", () => {
  it("answers 204 with no body, after which the project is gone", async () => {
    const project = await createProject();

    const response = await rest.delete(`/my/projects/${project.id}/`);

    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect((await rest.get(`/my/projects/${project.id}/`)).status).toBe(404);
    expect((await rest.delete(`/my/projects/${project.id}/`)).status).toBe(404);
  });

  it("takes the project's agents, sessions and messages with it", async () => {
    const project = await createProject();
    const session = await rest.post<{ id: string }>(`/my/projects/${project.id}/chat/sessions/`, { topic: "Doomed" });
    await server.deps.db.message.create({ data: { sessionId: session.body.id, userId, role: "user", content: "hello" } });

    expect((await rest.delete(`/my/projects/${project.id}/`)).status).toBe(204);

    const { db } = server.deps;
    const remaining = await Promise.all([
      db.userAgent.count({ where: { projectId: project.id } }),
      db.chatSession.count({ where: { projectId: project.id } }),
      db.message.count({ where: { sessionId: session.body.id } }),
    ]);
    expect(remaining).toEqual([0, 0, 0]);
  });
});

describe("GET /metrics", () => {
  const creations = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const line = text.split("\n").find((candidate) => candidate.startsWith("project_creations_total"));
    return { line, value: Number(line?.split(" ").at(-1)) };
  };

  it("counts each project creation in project_creations_total, without a user label", async () => {
    const before = await creations();

    await createProject();

    const after = await creations();
    expect(after.value).toBe(before.value + 1);
    expect(after.line).toMatch(/^project_creations_total \d+$/);
  });

  it("does not count a refused creation", async () => {
    const before = await creations();

    expect((await rest.post("/my/projects/", { name: "" })).status).toBe(400);

    expect((await creations()).value).toBe(before.value);
  });
});
