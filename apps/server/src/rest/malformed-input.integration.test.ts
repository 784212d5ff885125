import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter, errorTable } from "@codelab/api";
import {
  createRestClient,
  malformedInputs,
  malformedPages,
  signUp,
  snapshotRows,
  startTestServer,
  type InputObject,
  type MalformedInput,
  type RestAgent,
  type RestClient,
  type RestMethod,
  type RestProject,
  type RestResponse,
  type RestSession,
  type TestServer,
} from "../testing/index.js";

let server: TestServer;
let token: string;
let email: string;
let rest: RestClient;
let ids: { project_id: string; agent_id: string; session_id: string; memory_id: string; plan_id: string; tool_call_id: string };
let baseline: Awaited<ReturnType<typeof snapshot>>;

/** Every tenant row and every agent memory, which the memory endpoints would touch. */
async function snapshot() {
  const memories = await server.deps.db.agentMemory.findMany({ orderBy: { id: "asc" } });
  return { rows: await snapshotRows(server.deps.db), memories };
}

beforeAll(async () => {
  server = await startTestServer();
  ({ token, email } = await signUp(server.url));
  rest = createRestClient(server.url, token);
  const project = await rest.post<RestProject>("/my/projects/", { name: "Target" });
  const agents = await rest.get<{ agents: RestAgent[] }>(`/my/projects/${project.body.id}/agents/`);
  const session = await rest.post<RestSession>(`/my/projects/${project.body.id}/chat/sessions/`, { topic: "Target" });
  const agentId = agents.body.agents[0]?.id ?? "";
  const memory = await rest.post<{ id: string }>(`/my/projects/${project.body.id}/agents/${agentId}/memories/`, { content: "Kept fact." });
  const plan = await server.deps.db.taskPlan.create({
    data: {
      userId: project.body.user_id,
      projectId: project.body.id,
      sessionId: session.body.id,
      originalRequest: "Kept plan",
      status: "pending_approval",
      requiresApproval: true,
      approvalExpiresAt: new Date(Date.now() + 3_600_000),
    },
    select: { id: true },
  });
  ids = { project_id: project.body.id, agent_id: agentId, session_id: session.body.id, memory_id: memory.body.id, plan_id: plan.id, tool_call_id: randomUUID() };
  const userId = project.body.user_id;
  await server.deps.db.message.create({ data: { sessionId: session.body.id, userId, role: "user", content: "kept" } });
  baseline = await snapshot();
});

afterAll(async () => {
  await server.close();
});

/** Every code a client may be shown: the domain table plus tRPC's transport codes. */
const knownCodes = new Set([
  ...Object.keys(errorTable),
  "BAD_REQUEST",
  "NOT_FOUND",
  "METHOD_NOT_SUPPORTED",
  "UNSUPPORTED_MEDIA_TYPE",
  "PAYLOAD_TOO_LARGE",
]);
const internalLeaks = /stack|position \d|prisma|\n\s+at /i;

/** Larger than any accepted string, yet three of them stay under the 256 KiB body limit. */
const bodySizes = { hugeLength: 50_000, nestingDepth: 5000 };

const toSnake = (key: string) => key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

interface ErrorBody {
  error: { code: string; message: string; details: { fields?: Array<{ field: string }> } };
}

function expectStableRestError(response: RestResponse<unknown>, status: number, expected: ExpectedFields = {}, label = "") {
  expect(response.status, label).toBe(status);
  expect(response.body, label).toEqual({
    error: { code: expect.stringMatching(/^[A-Z_]+$/) as string, message: expect.any(String) as string, details: expect.any(Object) as object },
  });
  const { error } = response.body as ErrorBody;
  expect(knownCodes.has(error.code), `${label}: ${error.code}`).toBe(true);
  expect(error.message, label).not.toMatch(internalLeaks);
  expectFieldsNamed(error.details, expected, label);
}

interface ExpectedFields {
  /** Each must be named. */
  all?: string[];
  /** At least one must be named. */
  some?: string[];
}

function expectFieldsNamed(details: ErrorBody["error"]["details"], { all = [], some = [] }: ExpectedFields, label: string) {
  const named = new Set(details.fields?.map(({ field }) => field));
  for (const field of all) expect(named, `${label}: ${field}`).toContain(field);
  if (some.length > 0) expect(some.some((field) => named.has(field)), `${label}: one of ${some.join(", ")} in ${[...named].join(", ")}`).toBe(true);
}

const expectedFieldsOf = (variant: MalformedInput, valid: InputObject, spell: (field: string) => string = (field) => field) => ({
  all: (variant.fields?.(valid) ?? []).map(spell),
  some: (variant.someOfFields?.(valid) ?? []).map(spell),
});

async function expectNothingChanged() {
  expect(await snapshot()).toEqual(baseline);
}

// ---------------------------------------------------------------- REST

interface RestEndpoint {
  method: RestMethod;
  /** `{project_id}`-style placeholders stand for the path parameters. */
  template: string;
  /** A body the endpoint would accept. */
  body?: InputObject;
  paged?: boolean;
}

const project = "/my/projects/{project_id}/";
const agent = `${project}agents/{agent_id}/`;
const sessions = `${project}chat/sessions/`;
const session = `${sessions}{session_id}/`;

const restEndpoints: RestEndpoint[] = [
  { method: "POST", template: "/my/projects/", body: { name: "Valid", workspace_path: "/srv/valid" } },
  { method: "GET", template: "/my/projects/", paged: true },
  { method: "GET", template: project },
  { method: "PATCH", template: project, body: { name: "Renamed", workspace_path: "/srv/renamed" } },
  { method: "DELETE", template: project },
  { method: "GET", template: `${project}agents/`, paged: true },
  { method: "POST", template: `${project}agents/`, body: { name: "Valid agent", system_prompt: "Help.", model: "some/model" } },
  { method: "GET", template: agent },
  { method: "PATCH", template: agent, body: { system_prompt: "Changed.", model: "other/model" } },
  { method: "DELETE", template: agent },
  { method: "POST", template: sessions, body: { topic: "Valid" } },
  { method: "GET", template: sessions, paged: true },
  { method: "GET", template: session },
  { method: "PATCH", template: session, body: { topic: "Renamed" } },
  { method: "DELETE", template: session },
  { method: "GET", template: `${session}messages/`, paged: true },
  { method: "POST", template: `${project}chat/{session_id}/message/`, body: { content: "Hello", target_agent: "CodeAssistant" } },
  { method: "GET", template: `${project}chat/{session_id}/events/` },
  { method: "POST", template: `${project}chat/{session_id}/events/ticket/` },
  { method: "GET", template: `${agent}memories/`, paged: true },
  { method: "GET", template: `${agent}memories/search/` },
  { method: "POST", template: `${agent}memories/`, body: { content: "A fact.", metadata: { topic: "tests" } } },
  { method: "DELETE", template: `${agent}memories/{memory_id}/` },
  { method: "GET", template: `${project}plans/`, paged: true },
  { method: "GET", template: `${session}plans/`, paged: true },
  { method: "GET", template: `${project}plans/{plan_id}/` },
  { method: "POST", template: `${project}plans/{plan_id}/approve/`, body: { version: 1 } },
  { method: "POST", template: `${project}plans/{plan_id}/reject/` },
  { method: "GET", template: `${project}tool-calls/`, paged: true },
  { method: "GET", template: `${session}tool-calls/`, paged: true },
  { method: "POST", template: `${project}tool-calls/{tool_call_id}/approve/` },
  { method: "POST", template: `${project}tool-calls/{tool_call_id}/reject/` },
  { method: "GET", template: `${project}files/`, paged: true },
  { method: "GET", template: `${project}files/notes.txt` },
  { method: "PUT", template: `${project}files/notes.txt` },
  { method: "DELETE", template: `${project}files/notes.txt` },
  { method: "GET", template: "/my/settings/" },
  { method: "PATCH", template: "/my/settings/", body: { approval_threshold_usd: 0.5, daily_budget_usd: 2 } },
];

const fill = (template: string, overrides: Record<string, string> = {}) =>
  template.replace(/\{(\w+)\}/g, (_match, name: keyof typeof ids) => overrides[name] ?? ids[name]);

const malformedPathValues = [
  "not-a-uuid",
  encodeURIComponent("'; DROP TABLE users; --"),
  "%00",
  "x".repeat(2000),
  encodeURIComponent("../.."),
  `${randomUUID()}0`,
  "{}",
];

const parametersOf = (endpoint: RestEndpoint) => [...endpoint.template.matchAll(/\{(\w+)\}/g)].map(([, name]) => name ?? "");

/** `[label, endpoint]` rows for `it.each`, limited to the endpoints a check applies to. */
const rows = (applies: (endpoint: RestEndpoint) => boolean) =>
  restEndpoints.filter(applies).map((endpoint) => [`${endpoint.method} ${endpoint.template}`, endpoint] as const);

const withBody = (endpoint: RestEndpoint): endpoint is RestEndpoint & { body: InputObject } => endpoint.body !== undefined;

describe("REST path parameters", () => {
  it.each(rows((endpoint) => parametersOf(endpoint).length > 0))("%s answers 400 naming the malformed id", async (_label, endpoint) => {
    const parameters = parametersOf(endpoint);
    for (const parameter of parameters) {
      for (const value of malformedPathValues) {
        const response = await rest.request(endpoint.method, fill(endpoint.template, { [parameter]: value }), { json: endpoint.body });
        expectStableRestError(response, 400, { all: [parameter] }, `${parameter}=${value.slice(0, 40)}`);
      }
    }
    const badEncoding = await rest.request(endpoint.method, fill(endpoint.template, { [parameters[0] ?? ""]: "%E0%A4%A" }));
    expectStableRestError(badEncoding, 400);
    await expectNothingChanged();
  });
});

describe("REST bodies", () => {
  it.each(rows(withBody))("%s answers 400 for every malformed body, naming the fields it can", async (_label, endpoint) => {
    const valid = endpoint.body ?? {};
    for (const variant of malformedInputs(bodySizes)) {
      const rawBody = variant.raw(valid);
      if (rawBody === undefined) continue;
      const response = await rest.request(endpoint.method, fill(endpoint.template), { rawBody });
      expectStableRestError(response, 400, expectedFieldsOf(variant, valid, toSnake), variant.name);
    }
    await expectNothingChanged();
  });

  it.each(rows((endpoint) => withBody(endpoint) && parametersOf(endpoint).length > 0))(
    "%s refuses a body that names a resource of the path",
    async (_label, endpoint) => {
      const response = await rest.request(endpoint.method, fill(endpoint.template), {
        json: { ...endpoint.body, project_id: randomUUID() },
      });

      expectStableRestError(response, 400, { all: ["project_id"] });
      await expectNothingChanged();
    },
  );

  it.each(rows(withBody))("%s answers 415 for a body that is not JSON and 413 for one over 256 KiB", async (_label, endpoint) => {
    const path = fill(endpoint.template);
    const plainText = await rest.request(endpoint.method, path, {
      rawBody: JSON.stringify(endpoint.body),
      headers: { "content-type": "text/plain" },
    });
    const oversized = await rest.request(endpoint.method, path, { json: { ...endpoint.body, padding: "x".repeat(257 * 1024) } });

    expectStableRestError(plainText, 415);
    expectStableRestError(oversized, 413);
    expect((oversized.body as ErrorBody).error.code).toBe("PAYLOAD_TOO_LARGE");
    await expectNothingChanged();
  });
});

describe("REST paging", () => {
  it.each(rows((endpoint) => endpoint.paged === true))("%s answers 400 naming limit or offset", async (_label, endpoint) => {
    for (const { query, field } of malformedPages) {
      const response = await rest.get(`${fill(endpoint.template)}?${query}`);
      expectStableRestError(response, 400, { all: [field] }, query);
    }
    await expectNothingChanged();
  });
});

describe("REST memory search parameters", () => {
  it("answer 400 naming query or limit", async () => {
    const cases: Array<{ search: string; field: "query" | "limit" }> = [
      { search: "", field: "query" },
      { search: "query=", field: "query" },
      { search: "query=%20%20", field: "query" },
      { search: `query=${"x".repeat(4001)}`, field: "query" },
      { search: "query=a&query=b", field: "query" },
      { search: "query=tabs&limit=0", field: "limit" },
      { search: "query=tabs&limit=51", field: "limit" },
      { search: "query=tabs&limit=abc", field: "limit" },
    ];
    for (const { search, field } of cases) {
      const response = await rest.get(`${fill(`${agent}memories/search/`)}?${search}`);
      expectStableRestError(response, 400, { all: [field] }, search.slice(0, 40));
    }
  });
});

describe("REST file parameters", () => {
  it("answer 400 naming path, limit or offset, and write nothing", async () => {
    const files = fill(`${project}files/`);
    const cases: Array<{ search: string; field: string }> = [
      { search: "path=a&path=b", field: "path" },
      { search: `path=${"x".repeat(1025)}`, field: "path" },
      { search: "path=%00", field: "path" },
      { search: "limit=abc", field: "limit" },
    ];
    for (const { search, field } of cases) {
      expectStableRestError(await rest.get(`${files}?${search}`), 400, { all: [field] }, search.slice(0, 40));
    }
    expectStableRestError(await rest.get(`${files}?path=..`), 400, {}, "path=..");
    expectStableRestError(await rest.request("PUT", `${files}%00`, { rawBody: "x" }), 400, {}, "NUL name");
    expectStableRestError(await rest.request("PUT", `${files}a%5Cb`, { rawBody: "x" }), 400, {}, "backslash");
    expect(await rest.get<{ total: number }>(files)).toMatchObject({ status: 200, body: { total: 0 } });
    await expectNothingChanged();
  });
});

describe("REST transport", () => {
  it("answers unknown endpoints and methods with the error body, not a 500", async () => {
    const responses = await Promise.all([
      rest.get("/my/nothing-here/"),
      rest.request("PUT", fill(project), { json: { name: "Replaced" } }),
      rest.post(fill(agent), { name: "Posted onto an agent" }),
    ]);

    for (const response of responses) expectStableRestError(response, 404);
    await expectNothingChanged();
  });
});

// ---------------------------------------------------------------- tRPC

type Ids = typeof ids;

/** What each procedure would accept, built from the seeded ids; `undefined` for those that take no input. */
const validTrpcInputs: Record<string, ((seeded: Ids) => InputObject) | undefined> = {
  "auth.register": () => ({ email: `new-${randomUUID()}@example.test`, password: "a long enough password" }),
  "auth.login": () => ({ email, password: "not the password" }),
  "auth.changePassword": () => ({ currentPassword: "not the password", newPassword: "another long password" }),
  "auth.me": undefined,
  "auth.logout": undefined,
  "auth.refresh": undefined,
  "projects.create": () => ({ name: "Valid", workspacePath: "/srv/valid" }),
  "projects.list": () => ({}),
  "projects.get": (seeded) => ({ projectId: seeded.project_id }),
  "projects.update": (seeded) => ({ projectId: seeded.project_id, name: "Renamed" }),
  "projects.delete": (seeded) => ({ projectId: seeded.project_id }),
  "agents.create": (seeded) => ({ projectId: seeded.project_id, name: "Valid agent", systemPrompt: "Help." }),
  "agents.list": (seeded) => ({ projectId: seeded.project_id }),
  "agents.get": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id }),
  "agents.update": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id, model: "other/model" }),
  "agents.delete": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id }),
  "sessions.create": (seeded) => ({ projectId: seeded.project_id, topic: "Valid" }),
  "sessions.list": (seeded) => ({ projectId: seeded.project_id }),
  "sessions.get": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id }),
  "sessions.update": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id, topic: "Renamed" }),
  "sessions.delete": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id }),
  "messages.list": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id }),
  "chat.send": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id, content: "Hello", targetAgent: "CodeAssistant" }),
  "chat.eventsTicket": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id }),
  "agents.memories.list": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id }),
  "agents.memories.search": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id, query: "tabs" }),
  "agents.memories.add": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id, content: "A fact." }),
  "agents.memories.delete": (seeded) => ({ projectId: seeded.project_id, agentId: seeded.agent_id, memoryId: randomUUID() }),
  "plans.list": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id }),
  "plans.get": (seeded) => ({ projectId: seeded.project_id, planId: seeded.plan_id }),
  "plans.approve": (seeded) => ({ projectId: seeded.project_id, planId: seeded.plan_id, version: 1 }),
  "plans.reject": (seeded) => ({ projectId: seeded.project_id, planId: seeded.plan_id }),
  "plans.cancel": (seeded) => ({ projectId: seeded.project_id, planId: seeded.plan_id }),
  "toolCalls.list": (seeded) => ({ projectId: seeded.project_id, sessionId: seeded.session_id, status: "completed" }),
  "toolCalls.approve": (seeded) => ({ projectId: seeded.project_id, toolCallId: seeded.tool_call_id }),
  "toolCalls.reject": (seeded) => ({ projectId: seeded.project_id, toolCallId: seeded.tool_call_id }),
  "files.list": (seeded) => ({ projectId: seeded.project_id, path: "docs" }),
  "files.upload": (seeded) => ({ projectId: seeded.project_id, path: "notes.txt", contentBase64: "aGVsbG8=" }),
  "files.read": (seeded) => ({ projectId: seeded.project_id, path: "notes.txt", offset: 0, maxBytes: 100 }),
  "files.delete": (seeded) => ({ projectId: seeded.project_id, path: "notes.txt" }),
  "settings.get": undefined,
  "settings.update": () => ({ approvalThresholdUsd: 0.5, dailyBudgetUsd: 2 }),
};

const validInputOf = (path: string): InputObject => validTrpcInputs[path]?.(ids) ?? {};

type ProcedureType = "query" | "mutation" | "subscription";
const procedureTypes = Object.fromEntries(
  Object.entries(appRouter._def.procedures as Record<string, unknown>).map(([path, procedure]) => [path, (procedure as { _def: { type: ProcedureType } })._def.type]),
);

interface TrpcRequest {
  path: string;
  method?: "GET" | "POST";
  /** Raw JSON text: the query's `input` parameter or the mutation's body. */
  raw?: string;
  headers?: Record<string, string>;
}

async function callTrpc({ path, method, raw, headers = {} }: TrpcRequest) {
  const verb = method ?? (procedureTypes[path.split("?")[0] ?? ""] === "query" ? "GET" : "POST");
  const query = verb === "GET" && raw !== undefined ? `${path.includes("?") ? "&" : "?"}input=${encodeURIComponent(raw)}` : "";
  const response = await fetch(`${server.url}/trpc/${path}${query}`, {
    method: verb,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: verb === "POST" ? raw : undefined,
  });
  return { status: response.status, body: await response.json() };
}

interface TrpcErrorBody {
  error: { code: number; message: string; data: { code: string; httpStatus: number; appCode: string; details: ErrorBody["error"]["details"] } };
}

function expectStableTrpcError(response: { status: number; body: unknown }, status: number, expected: ExpectedFields = {}, label = "") {
  expect(response.status, label).toBe(status);
  expect(response.body, label).toEqual({
    error: {
      code: expect.any(Number) as number,
      message: expect.any(String) as string,
      data: expect.objectContaining({
        code: expect.any(String) as string,
        httpStatus: status,
        appCode: expect.any(String) as string,
        details: expect.any(Object) as object,
      }) as object,
    },
  });
  const { error } = response.body as TrpcErrorBody;
  expect(knownCodes.has(error.data.appCode), `${label}: ${error.data.appCode}`).toBe(true);
  expect(error.message, label).not.toMatch(internalLeaks);
  expectFieldsNamed(error.data.details, expected, label);
}

describe("tRPC procedures", () => {
  // Subscriptions answer over Server-Sent Events; src/sse/chat-events-subscription.integration.test.ts covers their input.
  it("are all covered here", () => {
    const callable = Object.keys(procedureTypes).filter((path) => procedureTypes[path] !== "subscription");
    expect(callable.sort()).toEqual(Object.keys(validTrpcInputs).sort());
  });

  it.each(Object.keys(validTrpcInputs).filter((path) => validTrpcInputs[path] !== undefined))(
    "%s answers 400 for every malformed input, naming the fields it can",
    async (path) => {
      const valid = validInputOf(path);
      // Queries travel in the URL, whose length the HTTP parser bounds; mutations in the body.
      const sizes = procedureTypes[path] === "query" ? { hugeLength: 4000, nestingDepth: 1000 } : bodySizes;
      for (const variant of malformedInputs(sizes)) {
        const raw = variant.raw(valid);
        if (raw === undefined) continue;
        expectStableTrpcError(await callTrpc({ path, raw }), 400, expectedFieldsOf(variant, valid), variant.name);
      }
      await expectNothingChanged();
    },
  );

  it.each(Object.keys(procedureTypes).filter((path) => path.endsWith(".list")))("%s answers 400 for malformed paging", async (path) => {
    const valid = validInputOf(path);
    const pages: Array<[InputObject, string]> = [
      [{ limit: 101 }, "limit"],
      [{ limit: 0 }, "limit"],
      [{ limit: "10" }, "limit"],
      [{ limit: 2.5 }, "limit"],
      [{ offset: -1 }, "offset"],
      [{ offset: "abc" }, "offset"],
    ];
    for (const [page, field] of pages) {
      expectStableTrpcError(await callTrpc({ path, raw: JSON.stringify({ ...valid, ...page }) }), 400, { all: [field] }, JSON.stringify(page));
    }
  });

  it("refuses mutation bodies over 256 KiB with 413", async () => {
    for (const path of Object.keys(procedureTypes).filter((candidate) => procedureTypes[candidate] === "mutation")) {
      const raw = JSON.stringify({ ...validInputOf(path), padding: "x".repeat(257 * 1024) });
      expectStableTrpcError(await callTrpc({ path, raw }), 413, {}, path);
    }
    await expectNothingChanged();
  });

  it("refuses a batch of more than 10 calls with 400 and accepts 10", async () => {
    const batch = (size: number) => {
      const paths = Array.from({ length: size }, () => "projects.get").join(",");
      const inputs = Object.fromEntries(Array.from({ length: size }, (_, index) => [index, { projectId: ids.project_id }]));
      return callTrpc({ path: `${paths}?batch=1`, method: "GET", raw: JSON.stringify(inputs) });
    };

    const tooMany = await batch(11);
    const allowed = await batch(10);

    expectStableTrpcError(tooMany, 400);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toHaveLength(10);
  });

  it("answers wrong methods, unknown procedures and foreign media types with the error body", async () => {
    const projectInput = JSON.stringify({ projectId: ids.project_id });
    expectStableTrpcError(await callTrpc({ path: "projects.get", method: "POST", raw: projectInput }), 405);
    expectStableTrpcError(await callTrpc({ path: "projects.delete", method: "GET", raw: projectInput }), 405);
    expectStableTrpcError(await callTrpc({ path: "projects.nothing", method: "GET" }), 404);
    const plainText = await callTrpc({ path: "projects.delete", raw: projectInput, headers: { "content-type": "text/plain" } });
    expectStableTrpcError(plainText, 415);
    await expectNothingChanged();
  });

  it("reports invalid JSON with a stable code on both transports", async () => {
    const trpc = await callTrpc({ path: "projects.create", raw: '{"name": ' });
    const restResponse = await rest.request("POST", "/my/projects/", { rawBody: '{"name": ' });

    expect((trpc.body as TrpcErrorBody).error.data).toMatchObject({ appCode: "VALIDATION_FAILED", details: { reason: "malformed_json" } });
    expect((restResponse.body as ErrorBody).error).toMatchObject({ code: "VALIDATION_FAILED", details: { reason: "malformed_json" } });
  });
});

describe("after all of it", () => {
  it("the server still answers and the owner's data is intact", async () => {
    const health = await fetch(`${server.url}/health`);
    const projectResponse = await rest.get<RestProject>(fill(project));

    expect(health.status).toBe(200);
    expect(projectResponse.body.name).toBe("Target");
    await expectNothingChanged();
  });
});
