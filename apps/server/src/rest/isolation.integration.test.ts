import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCodelabClient, type CodelabClient } from "@codelab/sdk";
import { diskTree } from "@codelab/core/testing";
import {
  createRestClient,
  rawRequest,
  signUp,
  snapshotRows,
  startTestServer,
  trpcFailureOf,
  type RestAgent,
  type RestClient,
  type RestMethod,
  type RestProject,
  type RestSession,
  type TestServer,
} from "../testing/index.js";

/** The ids of one tenant's resources that another tenant will try to reach. */
interface TargetIds {
  project: string;
  agent: string;
  session: string;
  memory: string;
  plan: string;
  toolCall: string;
}

let server: TestServer;
let alice: { userId: string; token: string; rest: RestClient; ids: TargetIds };
let bob: { rest: RestClient; trpc: CodelabClient; projectId: string };

async function createTenantGraph(rest: RestClient): Promise<TargetIds> {
  const project = await rest.post<RestProject>("/my/projects/", { name: "Private", workspace_path: "/srv/private" });
  const agents = await rest.get<{ agents: RestAgent[] }>(`/my/projects/${project.body.id}/agents/`);
  const session = await rest.post<RestSession>(`/my/projects/${project.body.id}/chat/sessions/`, { topic: "Secret" });
  const agent = agents.body.agents[0];
  if (project.status !== 201 || session.status !== 201 || !agent) throw new Error("could not build the tenant graph");
  const memory = await rest.post<{ id: string }>(`/my/projects/${project.body.id}/agents/${agent.id}/memories/`, { content: "The secret recipe." });
  if (memory.status !== 201) throw new Error("could not store the tenant's memory");
  const file = await rest.request("PUT", `/my/projects/${project.body.id}/files/docs/secret.txt`, { rawBody: "The secret file." });
  if (file.status !== 200) throw new Error("could not store the tenant's file");
  return { project: project.body.id, agent: agent.id, session: session.body.id, memory: memory.body.id, plan: "", toolCall: "" };
}

/** A dangerous tool call waiting for approval, stored directly as a direct-mode turn leaves it. */
async function createWaitingToolCall(userId: string, ids: TargetIds): Promise<string> {
  const call = await server.deps.db.toolInvocation.create({
    data: {
      id: randomUUID(),
      userId,
      projectId: ids.project,
      agentId: ids.agent,
      sessionId: ids.session,
      modelCallId: "call_secret",
      tool: "code_executor",
      risk: "dangerous",
      arguments: { language: "python", code: "print('secret')" },
      status: "awaiting_approval",
      approvalExpiresAt: new Date(Date.now() + 3_600_000),
    },
    select: { id: true },
  });
  return call.id;
}

/** A plan waiting for approval, stored directly: no model is needed to have something to take over. */
async function createWaitingPlan(userId: string, ids: TargetIds): Promise<string> {
  const plan = await server.deps.db.taskPlan.create({
    data: {
      userId,
      projectId: ids.project,
      sessionId: ids.session,
      originalRequest: "Secret plan",
      status: "pending_approval",
      requiresApproval: true,
      approvalReason: "Secret reason",
      approvalExpiresAt: new Date(Date.now() + 3_600_000),
      tasks: { create: [{ taskId: "t1", description: "Secret task", agentId: ids.agent, agentName: "CodeAssistant" }] },
    },
    select: { id: true },
  });
  return plan.id;
}

beforeAll(async () => {
  server = await startTestServer();
  const [aliceUser, bobUser] = await Promise.all([signUp(server.url), signUp(server.url)]);
  const aliceRest = createRestClient(server.url, aliceUser.token);
  const ids = await createTenantGraph(aliceRest);
  await server.deps.db.message.create({
    data: { sessionId: ids.session, userId: aliceUser.userId, role: "user", content: "confidential" },
  });
  ids.plan = await createWaitingPlan(aliceUser.userId, ids);
  ids.toolCall = await createWaitingToolCall(aliceUser.userId, ids);
  alice = { userId: aliceUser.userId, token: aliceUser.token, rest: aliceRest, ids };

  const bobRest = createRestClient(server.url, bobUser.token);
  const bobProject = await bobRest.post<RestProject>("/my/projects/", { name: "Bob's own" });
  bob = {
    rest: bobRest,
    trpc: createCodelabClient({ url: server.url, token: bobUser.token }),
    projectId: bobProject.body.id,
  };
});

afterAll(async () => {
  await server.close();
});

/** Alice's workspace as it is on disk, and that nothing was planted in Bob's own. */
async function aliceFiles() {
  return { alice: await diskTree(join(server.workspaceRoot, alice.ids.project)), bob: await diskTree(join(server.workspaceRoot, bob.projectId)) };
}

/** The same ids, each replaced by one that exists nowhere: what "missing" looks like. */
const missingIds = (): TargetIds => ({
  project: randomUUID(),
  agent: randomUUID(),
  session: randomUUID(),
  memory: randomUUID(),
  plan: randomUUID(),
  toolCall: randomUUID(),
});

interface RestAttempt {
  method: RestMethod;
  path: (ids: TargetIds) => string;
  json?: unknown;
}

// Every project-scoped endpoint, reached through the foreign project, and the nested ones also
// through the caller's own project, so a foreign agent or session id cannot hide behind a valid path.
function restAttempts(): RestAttempt[] {
  const project = (ids: TargetIds) => `/my/projects/${ids.project}/`;
  const nested = (projectPath: (ids: TargetIds) => string): RestAttempt[] => {
    const agent = (ids: TargetIds) => `${projectPath(ids)}agents/${ids.agent}/`;
    const session = (ids: TargetIds) => `${projectPath(ids)}chat/sessions/${ids.session}/`;
    const memories = (ids: TargetIds) => `${agent(ids)}memories/`;
    return [
      { method: "GET", path: agent },
      { method: "PATCH", path: agent, json: { name: "Taken over", temperature: 1.9 } },
      { method: "DELETE", path: agent },
      { method: "GET", path: session },
      { method: "PATCH", path: session, json: { topic: "Taken over" } },
      { method: "DELETE", path: session },
      { method: "GET", path: (ids) => `${session(ids)}messages/` },
      { method: "POST", path: (ids) => `${projectPath(ids)}chat/${ids.session}/message/`, json: { content: "Hi", target_agent: "CodeAssistant" } },
      { method: "GET", path: memories },
      { method: "GET", path: (ids) => `${memories(ids)}search/?query=secret` },
      { method: "POST", path: memories, json: { content: "Planted fact." } },
      { method: "DELETE", path: (ids) => `${memories(ids)}${ids.memory}/` },
      { method: "POST", path: (ids) => `${projectPath(ids)}chat/${ids.session}/message/`, json: { content: "Plan something" } },
      { method: "GET", path: (ids) => `${session(ids)}plans/` },
      { method: "GET", path: (ids) => `${projectPath(ids)}plans/${ids.plan}/` },
      { method: "POST", path: (ids) => `${projectPath(ids)}plans/${ids.plan}/approve/`, json: { version: 1 } },
      { method: "POST", path: (ids) => `${projectPath(ids)}plans/${ids.plan}/reject/` },
      { method: "POST", path: (ids) => `${projectPath(ids)}plans/${ids.plan}/cancel/` },
      { method: "GET", path: (ids) => `${session(ids)}tool-calls/` },
      { method: "POST", path: (ids) => `${projectPath(ids)}tool-calls/${ids.toolCall}/approve/` },
      { method: "POST", path: (ids) => `${projectPath(ids)}tool-calls/${ids.toolCall}/reject/` },
    ];
  };
  const files = (ids: TargetIds) => `${project(ids)}files/`;
  return [
    { method: "GET", path: project },
    { method: "PATCH", path: project, json: { name: "Taken over", workspace_path: "/tmp/evil" } },
    { method: "GET", path: files },
    { method: "GET", path: (ids) => `${files(ids)}?path=docs` },
    { method: "GET", path: (ids) => `${files(ids)}docs/secret.txt` },
    { method: "PUT", path: (ids) => `${files(ids)}docs/secret.txt`, json: { overwritten: true } },
    { method: "PUT", path: (ids) => `${files(ids)}planted.txt`, json: { planted: true } },
    { method: "DELETE", path: (ids) => `${files(ids)}docs/secret.txt` },
    { method: "DELETE", path: (ids) => `${files(ids)}docs` },
    { method: "DELETE", path: project },
    { method: "GET", path: (ids) => `${project(ids)}agents/` },
    { method: "POST", path: (ids) => `${project(ids)}agents/`, json: { name: "Intruder" } },
    { method: "GET", path: (ids) => `${project(ids)}chat/sessions/` },
    { method: "POST", path: (ids) => `${project(ids)}chat/sessions/`, json: { topic: "Intruder" } },
    { method: "GET", path: (ids) => `${project(ids)}plans/` },
    { method: "GET", path: (ids) => `${project(ids)}tool-calls/` },
    ...nested(project),
    ...nested(() => `/my/projects/${bob.projectId}/`),
  ];
}

type Procedure = (client: CodelabClient, ids: TargetIds) => Promise<unknown>;

function trpcAttempts(): Array<[string, Procedure]> {
  const viaProject = (ids: TargetIds) => ({ projectId: ids.project });
  const viaOwnProject = () => ({ projectId: bob.projectId });
  const nested = (scope: (ids: TargetIds) => { projectId: string }): Array<[string, Procedure]> => [
    ["agents.get", (client, ids) => client.agents.get.query({ ...scope(ids), agentId: ids.agent })],
    ["agents.update", (client, ids) => client.agents.update.mutate({ ...scope(ids), agentId: ids.agent, name: "Taken over" })],
    ["agents.delete", (client, ids) => client.agents.delete.mutate({ ...scope(ids), agentId: ids.agent })],
    ["sessions.get", (client, ids) => client.sessions.get.query({ ...scope(ids), sessionId: ids.session })],
    ["sessions.update", (client, ids) => client.sessions.update.mutate({ ...scope(ids), sessionId: ids.session, topic: "Taken over" })],
    ["sessions.delete", (client, ids) => client.sessions.delete.mutate({ ...scope(ids), sessionId: ids.session })],
    ["messages.list", (client, ids) => client.messages.list.query({ ...scope(ids), sessionId: ids.session })],
    ["chat.send", (client, ids) => client.chat.send.mutate({ ...scope(ids), sessionId: ids.session, content: "Hi", targetAgent: "CodeAssistant" })],
    ["agents.memories.list", (client, ids) => client.agents.memories.list.query({ ...scope(ids), agentId: ids.agent })],
    ["agents.memories.search", (client, ids) => client.agents.memories.search.query({ ...scope(ids), agentId: ids.agent, query: "secret" })],
    ["agents.memories.add", (client, ids) => client.agents.memories.add.mutate({ ...scope(ids), agentId: ids.agent, content: "Planted fact." })],
    [
      "agents.memories.delete",
      (client, ids) => client.agents.memories.delete.mutate({ ...scope(ids), agentId: ids.agent, memoryId: ids.memory }),
    ],
    ["chat.send (orchestrator)", (client, ids) => client.chat.send.mutate({ ...scope(ids), sessionId: ids.session, content: "Plan something" })],
    ["plans.list (session)", (client, ids) => client.plans.list.query({ ...scope(ids), sessionId: ids.session })],
    ["plans.get", (client, ids) => client.plans.get.query({ ...scope(ids), planId: ids.plan })],
    ["plans.approve", (client, ids) => client.plans.approve.mutate({ ...scope(ids), planId: ids.plan, version: 1 })],
    ["plans.reject", (client, ids) => client.plans.reject.mutate({ ...scope(ids), planId: ids.plan })],
    ["plans.cancel", (client, ids) => client.plans.cancel.mutate({ ...scope(ids), planId: ids.plan })],
    ["toolCalls.list (session)", (client, ids) => client.toolCalls.list.query({ ...scope(ids), sessionId: ids.session })],
    ["toolCalls.approve", (client, ids) => client.toolCalls.approve.mutate({ ...scope(ids), toolCallId: ids.toolCall })],
    ["toolCalls.reject", (client, ids) => client.toolCalls.reject.mutate({ ...scope(ids), toolCallId: ids.toolCall })],
  ];
  return [
    ["projects.get", (client, ids) => client.projects.get.query(viaProject(ids))],
    ["projects.update", (client, ids) => client.projects.update.mutate({ ...viaProject(ids), name: "Taken over" })],
    ["projects.delete", (client, ids) => client.projects.delete.mutate(viaProject(ids))],
    ["agents.list", (client, ids) => client.agents.list.query(viaProject(ids))],
    ["agents.create", (client, ids) => client.agents.create.mutate({ ...viaProject(ids), name: "Intruder" })],
    ["sessions.list", (client, ids) => client.sessions.list.query(viaProject(ids))],
    ["sessions.create", (client, ids) => client.sessions.create.mutate({ ...viaProject(ids), topic: "Intruder" })],
    ["plans.list", (client, ids) => client.plans.list.query(viaProject(ids))],
    ["toolCalls.list", (client, ids) => client.toolCalls.list.query(viaProject(ids))],
    ["files.list", (client, ids) => client.files.list.query({ ...viaProject(ids), path: "docs" })],
    ["files.read", (client, ids) => client.files.read.query({ ...viaProject(ids), path: "docs/secret.txt" })],
    ["files.upload", (client, ids) => client.files.upload.mutate({ ...viaProject(ids), path: "docs/secret.txt", contentBase64: "T3ZlcndyaXR0ZW4=" })],
    ["files.delete", (client, ids) => client.files.delete.mutate({ ...viaProject(ids), path: "docs" })],
    ...nested(viaProject).map(([name, call]): [string, Procedure] => [`${name} (foreign project)`, call]),
    ...nested(viaOwnProject).map(([name, call]): [string, Procedure] => [`${name} (own project)`, call]),
  ];
}

describe("another user's ids over REST", () => {
  it("answer every endpoint with the same 404 a missing id gets", async () => {
    for (const attempt of restAttempts()) {
      const send = (ids: TargetIds) => bob.rest.request(attempt.method, attempt.path(ids), { json: attempt.json });
      const foreign = await send(alice.ids);
      const missing = await send(missingIds());
      const label = `${attempt.method} ${attempt.path({ project: "{project}", agent: "{agent}", session: "{session}", memory: "{memory}", plan: "{plan}", toolCall: "{toolCall}" })}`;

      expect(foreign.status, label).toBe(404);
      expect(foreign.body, label).toEqual(missing.body);
    }
  });

  it("leave every row of the owner exactly as it was", async () => {
    const before = await snapshotRows(server.deps.db, { userId: alice.userId });
    const filesBefore = await aliceFiles();

    for (const attempt of restAttempts()) {
      await bob.rest.request(attempt.method, attempt.path(alice.ids), { json: attempt.json });
    }

    expect(await snapshotRows(server.deps.db, { userId: alice.userId })).toEqual(before);
    expect(await aliceFiles()).toEqual(filesBefore);
    expect((await alice.rest.get<RestProject>(`/my/projects/${alice.ids.project}/`)).body.name).toBe("Private");
  });

  it("never appear in the other user's project list", async () => {
    const response = await bob.rest.get<{ projects: RestProject[]; total: number }>("/my/projects/");

    expect(response.body.projects.map(({ id }) => id)).toEqual([bob.projectId]);
    expect(response.body.total).toBe(1);
  });
});

describe("another user's ids over tRPC", () => {
  it("answer every project, agent, session, message, chat, memory, plan and file procedure with the same NOT_FOUND a missing id gets", async () => {
    for (const [name, call] of trpcAttempts()) {
      const foreign = await trpcFailureOf(call(bob.trpc, alice.ids));
      const missing = await trpcFailureOf(call(bob.trpc, missingIds()));

      expect(foreign.code, name).toBe("NOT_FOUND");
      expect(foreign.httpStatus, name).toBe(404);
      expect(foreign, name).toEqual(missing);
    }
  });

  it("leave every row of the owner exactly as it was", async () => {
    const before = await snapshotRows(server.deps.db, { userId: alice.userId });
    const filesBefore = await aliceFiles();

    for (const [, call] of trpcAttempts()) {
      await trpcFailureOf(call(bob.trpc, alice.ids));
    }

    expect(await snapshotRows(server.deps.db, { userId: alice.userId })).toEqual(before);
    expect(await aliceFiles()).toEqual(filesBefore);
  });

  it("never appear in the other user's project list", async () => {
    const { projects, total } = await bob.trpc.projects.list.query();

    expect(projects.map(({ id }) => id)).toEqual([bob.projectId]);
    expect(total).toBe(1);
  });
});

describe("the owner", () => {
  it("still reaches everything after the attempts", async () => {
    const { project, agent, session } = alice.ids;
    const paths = [
      `/my/projects/${project}/`,
      `/my/projects/${project}/agents/${agent}/`,
      `/my/projects/${project}/chat/sessions/${session}/`,
    ];
    const responses = await Promise.all(paths.map((path) => alice.rest.get(path)));
    const messages = await alice.rest.get<{ total: number }>(`/my/projects/${project}/chat/sessions/${session}/messages/`);
    const memories = await alice.rest.get<{ memories: Array<{ id: string }> }>(`/my/projects/${project}/agents/${agent}/memories/`);

    expect(responses.map(({ status }) => status)).toEqual([200, 200, 200]);
    expect(messages.body.total).toBe(1);
    expect(memories.body.memories.map(({ id }) => id)).toEqual([alice.ids.memory]);
    const file = await rawRequest(server.url, { method: "GET", path: `/my/projects/${project}/files/docs/secret.txt`, headers: { authorization: `Bearer ${alice.token}` } });
    expect([file.status, file.body.toString("utf8")]).toEqual([200, "The secret file."]);
    expect(await readFile(join(server.workspaceRoot, project, "docs/secret.txt"), "utf8")).toBe("The secret file.");
    const plan = await alice.rest.get<{ status: string; tasks: unknown[] }>(`/my/projects/${project}/plans/${alice.ids.plan}/`);
    expect(plan.body).toMatchObject({ status: "pending_approval", tasks: [expect.objectContaining({ task_id: "t1" })] });
  });
});
