import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { RestError } from "../testing/index.js";
import { chatRequests, memoriesPath, startChatFixture, type ChatFixture, type ChatUser } from "./chat-fixture.js";

let fixture: ChatFixture;

beforeAll(async () => {
  fixture = await startChatFixture();
});
afterEach(() => fixture.llm.reset());
afterAll(() => fixture.close());

interface RestMemory {
  id: string;
  content: string;
  metadata: Record<string, unknown>;
  created_at: string;
  score?: number;
}

const memoryHeading = "## Your memory";
const colourFact = "My favourite colour is teal.";
const portFact = "The staging database listens on port 6543.";

const errorOf = (response: { body: unknown }) => (response.body as RestError).error;

function addMemory(user: ChatUser, agentName: string, content: string, metadata?: Record<string, unknown>) {
  return user.rest.post<RestMemory>(memoriesPath(user.projectId, user.agents[agentName]!.id), { content, ...(metadata ? { metadata } : {}) });
}

/** Asks `agentName` in a new session and returns the system prompt the provider received. */
async function systemPromptFor(user: ChatUser, agentName: string, question: string): Promise<string> {
  fixture.llm.reset();
  const response = await user.send(await user.createSession(), { content: question, target_agent: agentName });
  if (response.status !== 200) throw new Error(`the question was answered with ${response.status}`);
  const messages = (chatRequests(fixture.llm)[0]?.body.messages ?? []) as Array<{ role: string; content: string }>;
  const system = messages.find(({ role }) => role === "system");
  if (!system) throw new Error("the provider received no system message");
  return system.content;
}

const memorySection = (systemPrompt: string) => systemPrompt.slice(systemPrompt.indexOf(memoryHeading));

describe("memory retrieval", () => {
  it("puts the stored fact related to the question under the memory heading, and leaves unrelated ones out", async () => {
    const alice = await fixture.addUser();
    expect((await addMemory(alice, "CodeAssistant", colourFact)).status).toBe(201);
    expect((await addMemory(alice, "CodeAssistant", portFact)).status).toBe(201);

    const colourPrompt = await systemPromptFor(alice, "CodeAssistant", "What is my favourite colour?");

    expect(colourPrompt).toContain(memoryHeading);
    expect(memorySection(colourPrompt)).toContain(`- ${colourFact}`);
    expect(colourPrompt).not.toContain("6543");
  });

  it("recalls the other fact for a question about it", async () => {
    const alice = await fixture.addUser();
    await addMemory(alice, "CodeAssistant", colourFact);
    await addMemory(alice, "CodeAssistant", portFact);

    const portPrompt = await systemPromptFor(alice, "CodeAssistant", "Which port does the staging database use?");

    expect(memorySection(portPrompt)).toContain(`- ${portFact}`);
    expect(portPrompt).not.toContain("teal");
  });

  it("leaves the memory heading out when nothing stored is relevant", async () => {
    const alice = await fixture.addUser();
    await addMemory(alice, "CodeAssistant", portFact);

    const prompt = await systemPromptFor(alice, "CodeAssistant", "What is my favourite colour?");

    expect(prompt).not.toContain(memoryHeading);
  });

  it("remembers an exchange, so a later question recalls it", async () => {
    const alice = await fixture.addUser();
    fixture.llm.enqueue({ kind: "text", text: "Noted: the release train leaves on Thursdays." });
    await alice.send(await alice.createSession(), { content: "Remember that the release train leaves on Thursdays", target_agent: "DataAnalyst" });

    const prompt = await systemPromptFor(alice, "DataAnalyst", "When does the release train leave?");

    expect(memorySection(prompt)).toContain("Query: Remember that the release train leaves on Thursdays Response: Noted: the release train leaves on Thursdays.");
  });
});

describe("isolation canaries", () => {
  let alice: ChatUser;
  let bob: ChatUser;
  const canary = `The vault code is canary-${randomUUID()}.`;
  const question = "What is the vault code?";

  beforeAll(async () => {
    [alice, bob] = await Promise.all([fixture.addUser(), fixture.addUser()]);
    await addMemory(alice, "CodeAssistant", canary);
  });

  it("the owner's agent recalls the canary", async () => {
    expect(memorySection(await systemPromptFor(alice, "CodeAssistant", question))).toContain(canary);
  });

  it("another user's agent of the same name never sees it", async () => {
    const prompt = await systemPromptFor(bob, "CodeAssistant", question);
    const search = await bob.rest.get<{ memories: RestMemory[] }>(
      `${memoriesPath(bob.projectId, bob.agents.CodeAssistant!.id)}search/?query=${encodeURIComponent(question)}`,
    );

    expect(prompt).not.toContain("canary-");
    expect(JSON.stringify(search.body)).not.toContain("canary-");
  });

  it("another agent of the same user never sees it", async () => {
    for (const agentName of ["DataAnalyst", "DocumentWriter"]) {
      expect(await systemPromptFor(alice, agentName, question)).not.toContain("canary-");
    }
  });
});

describe("memory curation over REST", () => {
  let alice: ChatUser;
  let path: string;

  beforeAll(async () => {
    alice = await fixture.addUser();
    path = memoriesPath(alice.projectId, alice.agents.DocumentWriter!.id);
  });

  it("adds, lists newest first, searches best first and deletes", async () => {
    const added = await addMemory(alice, "DocumentWriter", colourFact, { topic: "preferences" });
    await addMemory(alice, "DocumentWriter", portFact);

    const list = await alice.rest.get<{ memories: RestMemory[]; total: number }>(path);
    const search = await alice.rest.get<{ memories: RestMemory[] }>(`${path}search/?query=${encodeURIComponent("favourite colour")}&limit=1`);
    const deleted = await alice.rest.delete(`${path}${added.body.id}/`);
    const after = await alice.rest.get<{ memories: RestMemory[]; total: number }>(path);

    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ content: colourFact, metadata: { topic: "preferences", source: "user" } });
    expect(added.body.created_at).toMatch(/Z$/);
    expect(list.body.total).toBe(2);
    expect(list.body.memories.map(({ content }) => content)).toEqual([portFact, colourFact]);
    expect(search.status).toBe(200);
    expect(search.body.memories).toHaveLength(1);
    expect(search.body.memories[0]).toMatchObject({ id: added.body.id, content: colourFact });
    expect(search.body.memories[0]?.score).toBeGreaterThan(0.5);
    expect(deleted.status).toBe(204);
    expect(after.body.memories.map(({ content }) => content)).toEqual([portFact]);
  });

  it("answers 404 MEMORY_NOT_FOUND for a memory that is gone or never was", async () => {
    const added = await addMemory(alice, "DocumentWriter", "Short-lived fact.");
    await alice.rest.delete(`${path}${added.body.id}/`);

    for (const memoryId of [added.body.id, randomUUID()]) {
      const response = await alice.rest.delete(`${path}${memoryId}/`);
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe("MEMORY_NOT_FOUND");
    }
  });

  it("answers 404 AGENT_NOT_FOUND on every memory endpoint of an agent that does not exist", async () => {
    const missing = memoriesPath(alice.projectId, randomUUID());

    const responses = await Promise.all([
      alice.rest.get(missing),
      alice.rest.get(`${missing}search/?query=anything`),
      alice.rest.post(missing, { content: "A fact." }),
      alice.rest.delete(`${missing}${randomUUID()}/`),
    ]);

    for (const response of responses) {
      expect(response.status).toBe(404);
      expect(errorOf(response).code).toBe("AGENT_NOT_FOUND");
    }
  });

  it("refuses a memory of another user's agent reached through one's own project", async () => {
    const bob = await fixture.addUser();
    const bobMemory = await addMemory(bob, "DocumentWriter", "Bob's private fact.");
    const throughOwnProject = memoriesPath(alice.projectId, bob.agents.DocumentWriter!.id);

    const deletion = await alice.rest.delete(`${throughOwnProject}${bobMemory.body.id}/`);
    const listing = await alice.rest.get(throughOwnProject);
    const stillThere = await bob.rest.get<{ total: number }>(memoriesPath(bob.projectId, bob.agents.DocumentWriter!.id));

    expect([deletion.status, listing.status]).toEqual([404, 404]);
    expect(stillThere.body.total).toBe(1);
  });

  it("answers 400 naming the query for a search without one", async () => {
    const response = await alice.rest.get(`${path}search/`);

    expect(response.status).toBe(400);
    expect(errorOf(response).details.fields?.map(({ field }) => field)).toContain("query");
  });
});
