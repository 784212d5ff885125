import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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

const configuredModel = "test-provider/configured-model";

let server: TestServer;
let rest: RestClient;
/** A fresh project per test: its starter pack is the only thing in it. */
let agentsPath: string;

beforeAll(async () => {
  server = await startTestServer({ env: { OPENAI_MODEL: configuredModel } });
  const user = await signUp(server.url);
  rest = createRestClient(server.url, user.token);
});

afterAll(async () => {
  await server.close();
});

async function createProject(): Promise<RestProject> {
  const response = await rest.post<RestProject>("/my/projects/", { name: `Project ${randomUUID()}` });
  expect(response.status).toBe(201);
  return response.body;
}

beforeEach(async () => {
  agentsPath = `/my/projects/${(await createProject()).id}/agents/`;
});

async function createAgent(body: Record<string, unknown>): Promise<RestAgent> {
  const response = await rest.post<RestAgent>(agentsPath, body);
  expect(response.status).toBe(201);
  return response.body;
}

const fieldsOf = (response: { body: RestError }) => [...new Set(response.body.error.details.fields?.map(({ field }) => field))].sort();

describe("POST /my/projects/{project_id}/agents/", () => {
  it("answers 201 with the agent, filling in the documented defaults and the configured model", async () => {
    const response = await rest.post<RestAgent>(agentsPath, { name: "Reviewer" });

    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(["config", "created_at", "id", "name", "project_id", "status", "updated_at"]);
    expect(response.body).toMatchObject({
      project_id: agentsPath.split("/")[3],
      name: "Reviewer",
      status: "READY",
      config: { system_prompt: "", model: configuredModel, tools: [], temperature: 0.7, max_tokens: 4096, metadata: {} },
    });
  });

  it("stores the whole config it is given, metadata keys untouched", async () => {
    const config = {
      system_prompt: "Review diffs.",
      model: "another/model",
      tools: ["file_reader", "code_executor"],
      temperature: 0,
      max_tokens: 200_000,
      metadata: { reviewStyle: { strict_mode: true }, tags: ["a"] },
    };

    const agent = await createAgent({ name: "Strict reviewer", ...config });

    expect(agent.config).toEqual(config);
    expect((await rest.get<RestAgent>(`${agentsPath}${agent.id}/`)).body.config).toEqual(config);
  });

  it("answers 409 AGENT_NAME_TAKEN when the name is used in the project, and adds nothing", async () => {
    const response = await rest.post<RestError>(agentsPath, { name: "CodeAssistant" });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("AGENT_NAME_TAKEN");
    expect((await rest.get<{ total: number }>(agentsPath)).body.total).toBe(3);
  });

  it("allows the same name in another project", async () => {
    const otherProject = await createProject();

    const response = await rest.post(`/my/projects/${otherProject.id}/agents/`, { name: "Twin" });
    const again = await rest.post(agentsPath, { name: "Twin" });

    expect([response.status, again.status]).toEqual([201, 201]);
  });

  it("refuses out-of-range temperature and max_tokens and unknown tools, listing every field", async () => {
    const response = await rest.post<RestError>(agentsPath, {
      name: "Broken",
      temperature: 2.5,
      max_tokens: 0,
      tools: ["code_executor", "rm_rf"],
      model: " ",
    });

    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe("VALIDATION_FAILED");
    expect(fieldsOf(response)).toEqual(["max_tokens", "model", "temperature", "tools.1"]);
  });

  it.each([
    [{ temperature: -0.1 }, "temperature"],
    [{ temperature: "hot" }, "temperature"],
    [{ max_tokens: 200_001 }, "max_tokens"],
    [{ max_tokens: 1.5 }, "max_tokens"],
    [{ tools: ["file_reader", "file_reader"] }, "tools"],
    [{ tools: "file_reader" }, "tools"],
    [{ name: "" }, "name"],
    [{ name: "<script>" }, "name"],
    [{ status: "BUSY" }, "status"],
    [{ user_id: randomUUID() }, "user_id"],
  ])("refuses %j, naming %s", async (change, field) => {
    const response = await rest.post<RestError>(agentsPath, { name: "Candidate", ...change });

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual([field]);
    expect((await rest.get<{ total: number }>(agentsPath)).body.total).toBe(3);
  });

  it("names a refused metadata entry by the key the client sent", async () => {
    const response = await rest.post<RestError>(agentsPath, { name: "Annotated", metadata: { reviewNote: "a\u0000b" } });

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(["metadata.reviewNote"]);
  });

  it("answers 404 PROJECT_NOT_FOUND for an unknown project", async () => {
    const response = await rest.post<RestError>(`/my/projects/${randomUUID()}/agents/`, { name: "Orphan" });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("PROJECT_NOT_FOUND");
  });
});

describe("GET /my/projects/{project_id}/agents/", () => {
  it("lists agents oldest first as {agents, total}, paged by limit and offset", async () => {
    await createAgent({ name: "Fourth" });

    const firstPage = await rest.get<{ agents: RestAgent[]; total: number }>(`${agentsPath}?limit=2`);
    const secondPage = await rest.get<{ agents: RestAgent[]; total: number }>(`${agentsPath}?limit=2&offset=2`);

    expect(Object.keys(firstPage.body).sort()).toEqual(["agents", "total"]);
    expect(firstPage.body.agents.map(({ name }) => name)).toEqual(["CodeAssistant", "DataAnalyst"]);
    expect(secondPage.body.agents.map(({ name }) => name)).toEqual(["DocumentWriter", "Fourth"]);
    expect([firstPage.body.total, secondPage.body.total]).toEqual([4, 4]);
  });

  it("refuses a page size over 100", async () => {
    const response = await rest.get<RestError>(`${agentsPath}?limit=101`);

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(["limit"]);
  });

  it("answers 404 for an unknown project", async () => {
    expect((await rest.get(`/my/projects/${randomUUID()}/agents/`)).status).toBe(404);
  });
});

describe("GET /my/projects/{project_id}/agents/{agent_id}/", () => {
  it("returns the agent as listed", async () => {
    const agent = await createAgent({ name: "Lookup" });

    const response = await rest.get<RestAgent>(`${agentsPath}${agent.id}/`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(agent);
  });

  it("answers 404 AGENT_NOT_FOUND for an unknown agent and for an agent of another project", async () => {
    const otherProject = await createProject();
    const { body: otherAgents } = await rest.get<{ agents: RestAgent[] }>(`/my/projects/${otherProject.id}/agents/`);

    for (const agentId of [randomUUID(), otherAgents.agents[0]?.id]) {
      const response = await rest.get<RestError>(`${agentsPath}${agentId}/`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("AGENT_NOT_FOUND");
    }
  });

  it("answers 400 naming agent_id for a malformed id", async () => {
    const response = await rest.get<RestError>(`${agentsPath}12345/`);

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(["agent_id"]);
  });
});

describe("PATCH /my/projects/{project_id}/agents/{agent_id}/", () => {
  it("changes the given config fields and keeps the rest", async () => {
    const agent = await createAgent({
      name: "Tuned",
      system_prompt: "Keep me.",
      tools: ["python_exec"],
      temperature: 0.2,
      metadata: { team: "data" },
    });

    const response = await rest.patch<RestAgent>(`${agentsPath}${agent.id}/`, { temperature: 1.5, max_tokens: 1000 });

    expect(response.status).toBe(200);
    expect(response.body.config).toEqual({ ...agent.config, temperature: 1.5, max_tokens: 1000 });
    expect(response.body.name).toBe("Tuned");
    expect((await rest.get<RestAgent>(`${agentsPath}${agent.id}/`)).body).toEqual(response.body);
  });

  it("renames and disables an agent", async () => {
    const agent = await createAgent({ name: "Old name" });

    const response = await rest.patch<RestAgent>(`${agentsPath}${agent.id}/`, { name: "New name", status: "DISABLED" });

    expect(response.body).toMatchObject({ name: "New name", status: "DISABLED", config: agent.config });
  });

  it("answers 409 when renaming onto a taken name, leaving the agent as it was", async () => {
    const agent = await createAgent({ name: "Unique" });

    const response = await rest.patch<RestError>(`${agentsPath}${agent.id}/`, { name: "DataAnalyst" });

    expect(response.status).toBe(409);
    expect(response.body.error.code).toBe("AGENT_NAME_TAKEN");
    expect((await rest.get<RestAgent>(`${agentsPath}${agent.id}/`)).body).toEqual(agent);
  });

  it("refuses invalid changes as a whole, changing nothing", async () => {
    const agent = await createAgent({ name: "Stable" });

    const response = await rest.patch<RestError>(`${agentsPath}${agent.id}/`, {
      temperature: 1,
      max_tokens: -5,
      tools: ["teleport"],
      status: "BUSY",
    });

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(["max_tokens", "status", "tools.0"]);
    expect((await rest.get<RestAgent>(`${agentsPath}${agent.id}/`)).body).toEqual(agent);
  });

  it("answers 404 for an unknown agent", async () => {
    const response = await rest.patch<RestError>(`${agentsPath}${randomUUID()}/`, { temperature: 1 });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("AGENT_NOT_FOUND");
  });
});

describe("DELETE /my/projects/{project_id}/agents/{agent_id}/", () => {
  it("answers 204, after which the agent is 404 and no longer counted", async () => {
    const agent = await createAgent({ name: "Short-lived" });

    const response = await rest.delete(`${agentsPath}${agent.id}/`);

    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect((await rest.get(`${agentsPath}${agent.id}/`)).status).toBe(404);
    expect((await rest.delete(`${agentsPath}${agent.id}/`)).status).toBe(404);
    expect((await rest.get<{ total: number }>(agentsPath)).body.total).toBe(3);
  });
});

describe("authentication", () => {
  it("answers 401 on every agent endpoint without a token", async () => {
    const anonymous = createRestClient(server.url);
    const agentPath = `${agentsPath}${randomUUID()}/`;
    const responses = await Promise.all([
      anonymous.get(agentsPath),
      anonymous.post(agentsPath, { name: "Anonymous" }),
      anonymous.get(agentPath),
      anonymous.patch(agentPath, { temperature: 1 }),
      anonymous.delete(agentPath),
    ]);

    expect(responses.map(({ status }) => status)).toEqual([401, 401, 401, 401, 401]);
  });
});
