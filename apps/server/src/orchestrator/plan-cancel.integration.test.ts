import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertExecutingPlan, testTaskOf, type PlanOwner, type TestTask } from "@codelab/core/testing";
import { lastUserMessage, startLlmTestServer, type LlmTestServer } from "@codelab/llm-test-server";
import { createRestClient, signUp, startTestServer, type RestAgent, type RestClient, type RestError, type RestProject, type RestSession, type TestServer } from "../testing/index.js";

interface RestPlan {
  id: string;
  status: string;
  tasks: Array<{ task_id: string; status: string }>;
}

interface Owner extends PlanOwner {
  rest: RestClient;
}

let server: TestServer;
let llm: LlmTestServer;
let alice: Owner;
let bob: Owner;

async function signUpOwner(): Promise<Owner> {
  const { userId, token } = await signUp(server.url);
  const rest = createRestClient(server.url, token);
  const project = await rest.post<RestProject>("/my/projects/", { name: "Plans" });
  const agents = await rest.get<{ agents: RestAgent[] }>(`/my/projects/${project.body.id}/agents/`);
  const session = await rest.post<RestSession>(`/my/projects/${project.body.id}/chat/sessions/`, { topic: "Plans" });
  if (project.status !== 201 || agents.status !== 200 || session.status !== 201) throw new Error("could not set up the user");
  return { rest, user: { id: userId }, project: { id: project.body.id }, session: { id: session.body.id }, agents: agents.body.agents };
}

beforeAll(async () => {
  llm = await startLlmTestServer();
  server = await startTestServer({ env: { OPENAI_BASE_URL: llm.baseUrl, OPENAI_API_KEY: "test-key", OPENAI_MODEL: "test-model" } });
  alice = await signUpOwner();
  bob = await signUpOwner();
});
afterEach(() => llm.reset());
afterAll(async () => {
  await server.close();
  await llm.close();
});

const cancelPath = (owner: Owner, planId: string, projectId = owner.project.id) => `/my/projects/${projectId}/plans/${planId}/cancel/`;

/** The tasks whose model requests arrived, in order. */
let tasksAsked: Array<string | undefined> = [];

/** Starts an executing plan of `alice` whose tasks never get an answer until cancelled. */
async function startHangingPlan(tasks: TestTask[]): Promise<string> {
  tasksAsked = [];
  llm.handle((request) => {
    tasksAsked.push(testTaskOf(lastUserMessage(request)));
    return { kind: "hang" };
  });
  const planId = await insertExecutingPlan(server.deps.db, alice, tasks);
  server.deps.planExecutor.start({ planId, userId: alice.user.id });
  return planId;
}

describe("POST /my/projects/{project_id}/plans/{plan_id}/cancel/", () => {
  it("stops a running plan: upstream requests closed, unfinished tasks cancelled, the plan answered back", async () => {
    const planId = await startHangingPlan([{ taskId: "left" }, { taskId: "right" }, { taskId: "both", dependencies: ["left", "right"] }]);
    await vi.waitFor(() => expect(llm.inFlight).toBe(2), { timeout: 10_000 });

    const response = await alice.rest.post<RestPlan>(cancelPath(alice, planId));

    expect(response.status).toBe(200);
    expect(response.body.status).toBe("cancelled");
    expect(response.body.tasks.map((task) => task.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    await vi.waitFor(() => expect(llm.abortedRequests).toBe(2), { timeout: 1_000 });
    expect(tasksAsked.sort()).toEqual(["left", "right"]);
  });

  it("answers 404 to another user and for another project, leaving the plan running", async () => {
    const planId = await startHangingPlan([{ taskId: "guarded" }]);
    await vi.waitFor(() => expect(llm.inFlight).toBe(1), { timeout: 10_000 });

    const foreign = await bob.rest.post<RestError>(cancelPath(bob, planId));
    const ownPlanElsewhere = await bob.rest.post<RestError>(cancelPath(alice, planId));
    const otherProject = await alice.rest.post<RestError>(cancelPath(alice, planId, bob.project.id));

    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("PLAN_NOT_FOUND");
    expect([ownPlanElsewhere.status, otherProject.status]).toEqual([404, 404]);
    expect((await server.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe("executing");
    expect(llm.abortedRequests).toBe(0);
    expect((await alice.rest.post(cancelPath(alice, planId))).status).toBe(200);
  });

  it("answers 409 with the current status for a plan that has ended", async () => {
    llm.handle(() => ({ kind: "text", text: "done" }));
    const planId = await insertExecutingPlan(server.deps.db, alice, [{ taskId: "quick" }]);
    server.deps.planExecutor.start({ planId, userId: alice.user.id });
    await vi.waitFor(async () => expect((await server.deps.db.taskPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe("completed"), { timeout: 10_000 });

    const response = await alice.rest.post<RestError>(cancelPath(alice, planId));

    expect(response.status).toBe(409);
    expect(response.body.error).toMatchObject({ code: "PLAN_STATE_CONFLICT", details: { status: "completed" } });
  });
});
