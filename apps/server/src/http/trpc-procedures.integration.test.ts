import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient, type CodelabClient } from "@codelab/sdk";
import { signUp, startTestServer, trpcFailureOf, type TestServer } from "../testing/index.js";

let server: TestServer;
let client: CodelabClient;
let userId: string;

beforeAll(async () => {
  server = await startTestServer();
  const user = await signUp(server.url);
  userId = user.userId;
  client = createCodelabClient({ url: server.url, token: user.token });
});

afterAll(async () => {
  await server.close();
});

const newProject = (name = `Project ${randomUUID()}`) => client.projects.create.mutate({ name });

/** A user with nothing yet, for list assertions that must not see other tests' rows. */
async function freshClient(): Promise<CodelabClient> {
  const user = await signUp(server.url);
  return createCodelabClient({ url: server.url, token: user.token });
}

// Distinct creation timestamps make "newest first" a well-defined order.
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("projects", () => {
  it("create returns exactly the camelCase project and starts the starter pack", async () => {
    const project = await client.projects.create.mutate({ name: "Over tRPC", workspacePath: "/srv/trpc" });
    const { agents, total } = await client.agents.list.query({ projectId: project.id });

    expect(Object.keys(project).sort()).toEqual(["createdAt", "id", "name", "updatedAt", "userId", "workspacePath"]);
    expect(project).toMatchObject({ userId, name: "Over tRPC", workspacePath: "/srv/trpc" });
    expect(total).toBe(3);
    expect(agents.map(({ name }) => name)).toEqual(["CodeAssistant", "DataAnalyst", "DocumentWriter"]);
  });

  it("list pages newest first and refuses a page over 100", async () => {
    const own = await freshClient();
    for (const name of ["older", "newer"]) {
      await own.projects.create.mutate({ name });
      await nextMillisecond();
    }

    const page = await own.projects.list.query({ limit: 1 });
    const rest = await own.projects.list.query({ limit: 1, offset: 1 });
    const tooLarge = await trpcFailureOf(own.projects.list.query({ limit: 101 }));

    expect([page.projects[0]?.name, rest.projects[0]?.name, page.total]).toEqual(["newer", "older", 2]);
    expect(tooLarge).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400, appCode: "VALIDATION_FAILED", details: { fields: [{ field: "limit" }] } });
  });

  it("get, update and delete act on the project, after which it is NOT_FOUND", async () => {
    const project = await newProject("Lifecycle");

    expect(await client.projects.get.query({ projectId: project.id })).toEqual(project);
    const renamed = await client.projects.update.mutate({ projectId: project.id, name: "Renamed" });
    expect(renamed).toMatchObject({ id: project.id, name: "Renamed", createdAt: project.createdAt });
    expect(await client.projects.delete.mutate({ projectId: project.id })).toEqual({ deleted: true });

    const gone = await trpcFailureOf(client.projects.get.query({ projectId: project.id }));
    expect(gone).toMatchObject({ code: "NOT_FOUND", httpStatus: 404, appCode: "PROJECT_NOT_FOUND" });
  });

  it("create refuses ownership fields, naming them", async () => {
    const input = { name: "Hijack", userId: randomUUID() } as unknown as { name: string };

    const failure = await trpcFailureOf(client.projects.create.mutate(input));

    expect(failure).toMatchObject({ code: "BAD_REQUEST", details: { fields: [{ field: "userId" }] } });
  });

  it("every procedure answers UNAUTHORIZED without a token", async () => {
    const anonymous = createCodelabClient({ url: server.url });
    const projectId = randomUUID();

    const failures = await Promise.all([
      trpcFailureOf(anonymous.projects.list.query()),
      trpcFailureOf(anonymous.projects.create.mutate({ name: "Anonymous" })),
      trpcFailureOf(anonymous.agents.list.query({ projectId })),
      trpcFailureOf(anonymous.sessions.create.mutate({ projectId })),
      trpcFailureOf(anonymous.messages.list.query({ projectId, sessionId: randomUUID() })),
    ]);

    expect(failures.map(({ code, httpStatus }) => `${code} ${httpStatus}`)).toEqual(Array(5).fill("UNAUTHORIZED 401"));
  });
});

describe("agents", () => {
  it("create fills in defaults, get returns it, and a name clash is CONFLICT", async () => {
    const project = await newProject();

    const agent = await client.agents.create.mutate({ projectId: project.id, name: "Helper", tools: ["file_reader"] });
    const clash = await trpcFailureOf(client.agents.create.mutate({ projectId: project.id, name: "Helper" }));

    expect(agent).toMatchObject({
      projectId: project.id,
      name: "Helper",
      status: "READY",
      config: { systemPrompt: "", tools: ["file_reader"], temperature: 0.7, maxTokens: 4096, metadata: {} },
    });
    expect(await client.agents.get.query({ projectId: project.id, agentId: agent.id })).toEqual(agent);
    expect(clash).toMatchObject({ code: "CONFLICT", httpStatus: 409, appCode: "AGENT_NAME_TAKEN" });
  });

  it("create refuses an invalid config, naming each field", async () => {
    const project = await newProject();

    const failure = await trpcFailureOf(
      client.agents.create.mutate({ projectId: project.id, name: "Bad", temperature: 9, maxTokens: 0, tools: ["nope" as "file_reader"] }),
    );

    const fields = (failure.details?.fields as Array<{ field: string }>).map(({ field }) => field).sort();
    expect(failure.code).toBe("BAD_REQUEST");
    expect(fields).toEqual(["maxTokens", "temperature", "tools.0"]);
  });

  it("update keeps the config it is not given; delete makes the agent NOT_FOUND", async () => {
    const project = await newProject();
    const [first] = (await client.agents.list.query({ projectId: project.id })).agents;
    if (!first) throw new Error("the starter pack is missing");

    const updated = await client.agents.update.mutate({ projectId: project.id, agentId: first.id, temperature: 0.1 });
    await client.agents.delete.mutate({ projectId: project.id, agentId: first.id });
    const gone = await trpcFailureOf(client.agents.get.query({ projectId: project.id, agentId: first.id }));

    expect(updated.config).toEqual({ ...first.config, temperature: 0.1 });
    expect(gone).toMatchObject({ code: "NOT_FOUND", appCode: "AGENT_NOT_FOUND" });
    expect((await client.agents.list.query({ projectId: project.id })).total).toBe(2);
  });
});

describe("sessions and messages", () => {
  it("create, list, get, update and delete a session", async () => {
    const project = await newProject();
    const projectId = project.id;

    const session = await client.sessions.create.mutate({ projectId, topic: "Kick-off" });
    const listed = await client.sessions.list.query({ projectId });
    const renamed = await client.sessions.update.mutate({ projectId, sessionId: session.id, topic: null });
    await client.sessions.delete.mutate({ projectId, sessionId: session.id });
    const gone = await trpcFailureOf(client.sessions.get.query({ projectId, sessionId: session.id }));

    expect(Object.keys(session).sort()).toEqual(["createdAt", "id", "projectId", "topic"]);
    expect(listed).toEqual({ sessions: [session], total: 1 });
    expect(renamed).toEqual({ ...session, topic: null });
    expect(gone).toMatchObject({ code: "NOT_FOUND", appCode: "SESSION_NOT_FOUND" });
  });

  it("messages.list returns the session's messages chronologically", async () => {
    const project = await newProject();
    const session = await client.sessions.create.mutate({ projectId: project.id });
    const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, second));
    // Sending messages is a later feature; until then rows are written directly, newest first.
    for (const [content, second] of [["later", 2], ["earlier", 1]] as const) {
      await server.deps.db.message.create({ data: { sessionId: session.id, userId, role: "user", content, createdAt: at(second) } });
    }

    const { messages, total } = await client.messages.list.query({ projectId: project.id, sessionId: session.id });

    expect(total).toBe(2);
    expect(messages.map(({ content, createdAt }) => [content, createdAt])).toEqual([
      ["earlier", at(1).toISOString()],
      ["later", at(2).toISOString()],
    ]);
  });
});
