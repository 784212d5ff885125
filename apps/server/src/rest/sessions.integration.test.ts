import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createRestClient,
  signUp,
  startTestServer,
  type RestClient,
  type RestError,
  type RestMessage,
  type RestProject,
  type RestSession,
  type TestServer,
} from "../testing/index.js";

let server: TestServer;
let rest: RestClient;
let userId: string;
/** A fresh project per test, so lists hold only what the test made. */
let sessionsPath: string;
let projectId: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = await signUp(server.url);
  userId = user.userId;
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
  projectId = (await createProject()).id;
  sessionsPath = `/my/projects/${projectId}/chat/sessions/`;
});

async function createSession(topic?: string): Promise<RestSession> {
  const response = await rest.post<RestSession>(sessionsPath, topic === undefined ? undefined : { topic });
  expect(response.status).toBe(201);
  return response.body;
}

// Distinct creation timestamps make "newest first" a well-defined order.
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

const fieldsOf = (response: { body: RestError }) => [...new Set(response.body.error.details.fields?.map(({ field }) => field))].sort();

describe("POST /my/projects/{project_id}/chat/sessions/", () => {
  it("answers 201 with exactly {id, project_id, topic, created_at}", async () => {
    const response = await rest.post<RestSession>(sessionsPath, { topic: "  Planning  " });

    expect(response.status).toBe(201);
    expect(Object.keys(response.body).sort()).toEqual(["created_at", "id", "project_id", "topic"]);
    expect(response.body).toMatchObject({ project_id: projectId, topic: "Planning" });
  });

  it("creates a session without a topic when there is no body", async () => {
    const session = await createSession();

    expect(session.topic).toBeNull();
  });

  it.each([
    [{ topic: "x".repeat(256) }, "topic"],
    [{ topic: 42 }, "topic"],
    [{ user_id: randomUUID() }, "user_id"],
    [{ project_id: randomUUID() }, "project_id"],
  ])("refuses %j, naming %s, and creates nothing", async (body, field) => {
    const response = await rest.post<RestError>(sessionsPath, body);

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual([field]);
    expect((await rest.get<{ total: number }>(sessionsPath)).body.total).toBe(0);
  });

  it("answers 404 PROJECT_NOT_FOUND for an unknown project", async () => {
    const response = await rest.post<RestError>(`/my/projects/${randomUUID()}/chat/sessions/`, { topic: "Nowhere" });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("PROJECT_NOT_FOUND");
  });
});

describe("GET /my/projects/{project_id}/chat/sessions/", () => {
  it("lists the project's sessions newest first, paged, with the total", async () => {
    for (const topic of ["one", "two", "three"]) {
      await createSession(topic);
      await nextMillisecond();
    }

    const firstPage = await rest.get<{ sessions: RestSession[]; total: number }>(`${sessionsPath}?limit=2`);
    const secondPage = await rest.get<{ sessions: RestSession[]; total: number }>(`${sessionsPath}?limit=2&offset=2`);

    expect(firstPage.status).toBe(200);
    expect(firstPage.body.sessions.map(({ topic }) => topic)).toEqual(["three", "two"]);
    expect(secondPage.body.sessions.map(({ topic }) => topic)).toEqual(["one"]);
    expect([firstPage.body.total, secondPage.body.total]).toEqual([3, 3]);
  });

  it("lists only the sessions of the project in the path", async () => {
    await createSession("here");
    const otherProject = await createProject();
    await rest.post(`/my/projects/${otherProject.id}/chat/sessions/`, { topic: "elsewhere" });

    const response = await rest.get<{ sessions: RestSession[]; total: number }>(sessionsPath);

    expect(response.body.sessions.map(({ topic }) => topic)).toEqual(["here"]);
    expect(response.body.total).toBe(1);
  });

  it("refuses a page size over 100", async () => {
    const response = await rest.get<RestError>(`${sessionsPath}?limit=500`);

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(["limit"]);
  });
});

describe("GET /my/projects/{project_id}/chat/sessions/{session_id}/", () => {
  it("returns the session", async () => {
    const session = await createSession("Lookup");

    const response = await rest.get<RestSession>(`${sessionsPath}${session.id}/`);

    expect(response.status).toBe(200);
    expect(response.body).toEqual(session);
  });

  it("answers 404 SESSION_NOT_FOUND for an unknown session and for a session of another project", async () => {
    const otherProject = await createProject();
    const foreign = await rest.post<RestSession>(`/my/projects/${otherProject.id}/chat/sessions/`, { topic: "Other" });

    for (const sessionId of [randomUUID(), foreign.body.id]) {
      const response = await rest.get<RestError>(`${sessionsPath}${sessionId}/`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("SESSION_NOT_FOUND");
    }
  });

  it("answers 400 naming session_id for a malformed id", async () => {
    const response = await rest.get<RestError>(`${sessionsPath}not-a-session/`);

    expect(response.status).toBe(400);
    expect(fieldsOf(response)).toEqual(["session_id"]);
  });
});

describe("PATCH /my/projects/{project_id}/chat/sessions/{session_id}/", () => {
  it("changes the topic and keeps the rest", async () => {
    const session = await createSession("Draft");

    const response = await rest.patch<RestSession>(`${sessionsPath}${session.id}/`, { topic: "Final" });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ ...session, topic: "Final" });
    expect((await rest.get<RestSession>(`${sessionsPath}${session.id}/`)).body.topic).toBe("Final");
  });

  it("clears the topic with null", async () => {
    const session = await createSession("Temporary");

    const response = await rest.patch<RestSession>(`${sessionsPath}${session.id}/`, { topic: null });

    expect(response.body.topic).toBeNull();
  });

  it("refuses a body without a topic or with unknown fields, changing nothing", async () => {
    const session = await createSession("Kept");

    const missing = await rest.patch<RestError>(`${sessionsPath}${session.id}/`, {});
    const unknown = await rest.patch<RestError>(`${sessionsPath}${session.id}/`, { topic: "New", project_id: randomUUID() });

    expect([missing.status, unknown.status]).toEqual([400, 400]);
    expect(fieldsOf(missing)).toEqual(["topic"]);
    expect(fieldsOf(unknown)).toEqual(["project_id"]);
    expect((await rest.get<RestSession>(`${sessionsPath}${session.id}/`)).body).toEqual(session);
  });

  it("answers 404 for an unknown session", async () => {
    const response = await rest.patch<RestError>(`${sessionsPath}${randomUUID()}/`, { topic: "Nobody" });

    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe("SESSION_NOT_FOUND");
  });
});

describe("DELETE /my/projects/{project_id}/chat/sessions/{session_id}/", () => {
  it("answers 204 and removes the session with its messages", async () => {
    const session = await createSession("Doomed");
    await server.deps.db.message.create({ data: { sessionId: session.id, userId, role: "user", content: "bye" } });

    const response = await rest.delete(`${sessionsPath}${session.id}/`);

    expect(response.status).toBe(204);
    expect(response.body).toBeUndefined();
    expect((await rest.get(`${sessionsPath}${session.id}/`)).status).toBe(404);
    expect((await rest.delete(`${sessionsPath}${session.id}/`)).status).toBe(404);
    expect(await server.deps.db.message.count({ where: { sessionId: session.id } })).toBe(0);
  });
});

describe("GET /my/projects/{project_id}/chat/sessions/{session_id}/messages/", () => {
  const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, second));

  /** Sending messages is a later feature; until then rows are written directly, deliberately out of order. */
  async function seedMessages(sessionId: string) {
    const { db } = server.deps;
    await db.message.create({ data: { sessionId, userId, role: "assistant", content: "second", createdAt: at(2), totalTokens: 12, cost: 0.5 } });
    await db.message.create({ data: { sessionId, userId, role: "user", content: "first", createdAt: at(1), metadata: { clientId: "c-1" } } });
    await db.message.create({ data: { sessionId, userId, role: "system", content: "third", createdAt: at(3) } });
  }

  it("lists messages chronologically as {messages, total} in snake_case", async () => {
    const session = await createSession("Chat");
    await seedMessages(session.id);

    const response = await rest.get<{ messages: RestMessage[]; total: number }>(`${sessionsPath}${session.id}/messages/`);

    expect(response.status).toBe(200);
    expect(response.body.total).toBe(3);
    expect(response.body.messages.map(({ content }) => content)).toEqual(["first", "second", "third"]);
    const [first, second] = response.body.messages;
    expect(first).toEqual({
      id: expect.any(String) as string,
      session_id: session.id,
      role: "user",
      content: "first",
      agent_id: null,
      plan_id: null,
      prompt_tokens: null,
      completion_tokens: null,
      total_tokens: null,
      cost: null,
      metadata: { clientId: "c-1" },
      created_at: at(1).toISOString(),
    });
    expect(second).toMatchObject({ role: "assistant", total_tokens: 12, cost: 0.5 });
  });

  it("pages with limit and offset", async () => {
    const session = await createSession("Paged");
    await seedMessages(session.id);

    const response = await rest.get<{ messages: RestMessage[]; total: number }>(
      `${sessionsPath}${session.id}/messages/?limit=1&offset=1`,
    );

    expect(response.body.messages.map(({ content }) => content)).toEqual(["second"]);
    expect(response.body.total).toBe(3);
  });

  it("lists nothing for a new session", async () => {
    const session = await createSession("Empty");

    const response = await rest.get(`${sessionsPath}${session.id}/messages/`);

    expect(response.body).toEqual({ messages: [], total: 0 });
  });

  it("answers 404 for an unknown session or one of another project", async () => {
    const otherProject = await createProject();
    const foreign = await rest.post<RestSession>(`/my/projects/${otherProject.id}/chat/sessions/`, { topic: "Other" });
    await seedMessages(foreign.body.id);

    for (const sessionId of [randomUUID(), foreign.body.id]) {
      const response = await rest.get<RestError>(`${sessionsPath}${sessionId}/messages/`);

      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe("SESSION_NOT_FOUND");
    }
  });

  it("refuses a page size over 100 and a non-numeric limit", async () => {
    const session = await createSession("Limits");

    for (const query of ["limit=101", "limit=ten"]) {
      const response = await rest.get<RestError>(`${sessionsPath}${session.id}/messages/?${query}`);

      expect(response.status).toBe(400);
      expect(fieldsOf(response)).toEqual(["limit"]);
    }
  });
});

describe("authentication", () => {
  it("answers 401 on every session and message endpoint without a token", async () => {
    const anonymous = createRestClient(server.url);
    const sessionPath = `${sessionsPath}${randomUUID()}/`;
    const responses = await Promise.all([
      anonymous.post(sessionsPath, { topic: "Anonymous" }),
      anonymous.get(sessionsPath),
      anonymous.get(sessionPath),
      anonymous.patch(sessionPath, { topic: "Anonymous" }),
      anonymous.delete(sessionPath),
      anonymous.get(`${sessionPath}messages/`),
    ]);

    expect(responses.map(({ status }) => status)).toEqual([401, 401, 401, 401, 401, 401]);
  });
});
