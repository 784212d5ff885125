// Runs against a FAKE of Qdrant's documented REST API (./testing/fake-qdrant-server.ts), not a
// real Qdrant: no Qdrant server can be had where these tests run. The real `@qdrant/js-client-rest`
// client is used unchanged; what these tests prove is the requests the store sends (above all
// that every read and delete is filtered on user, project and agent) and how it reads the
// answers. Qdrant's own behaviour (HNSW recall, payload index planning) is not tested here.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createFixedClock } from "../testing/fixed-clock.js";
import { createLocalEmbedder } from "./local-embedder.js";
import type { MemoryScope, MemoryStore } from "./memory-store.js";
import { createQdrantMemoryStore, defaultQdrantCollection } from "./qdrant-memory-store.js";
import { startFakeQdrantServer, type FakeQdrantServer, type FakeQdrantRequest } from "./testing/fake-qdrant-server.js";

const embedder = createLocalEmbedder();
const clock = createFixedClock();

let fake: FakeQdrantServer;
let store: MemoryStore;

const newScope = (): MemoryScope => ({ userId: randomUUID(), projectId: randomUUID(), agentId: randomUUID() });
const alice = newScope();
const aliceOtherAgent = { ...alice, agentId: randomUUID() };
const bob = newScope();

async function embed(text: string): Promise<Float32Array> {
  const [vector] = await embedder.embed([text]);
  return vector!;
}

async function remember(scope: MemoryScope, ...contents: string[]) {
  const vectors = await embedder.embed(contents);
  return store.add(
    scope,
    contents.map((content, index) => ({ content, metadata: { source: "test" }, vector: vectors[index]! })),
  );
}

const contentsOf = (memories: { content: string }[]) => memories.map((memory) => memory.content);

const scopedOperations = ["/points/query", "/points/scroll", "/points/count", "/points/delete"];
const isScopedOperation = (request: FakeQdrantRequest) => scopedOperations.some((operation) => request.path.endsWith(operation));

/** The `match.value` of each `must` condition on a scope field, by field. */
function mustScope(request: FakeQdrantRequest): Record<string, unknown> {
  const must = (request.body.filter as { must?: { key?: string; match?: { value?: unknown } }[] } | undefined)?.must ?? [];
  const scope: Record<string, unknown> = {};
  for (const { key, match } of must) if (key === "user_id" || key === "project_id" || key === "agent_id") scope[key] = match?.value;
  return scope;
}

beforeAll(async () => {
  fake = await startFakeQdrantServer();
  store = createQdrantMemoryStore({ url: fake.url, embedder, clock });
});

afterAll(() => fake.close());

// Whatever a test did, no read or delete may have gone out without the user and project in its `must` filter.
afterEach(() => {
  for (const request of fake.requests.filter(isScopedOperation)) {
    expect(mustScope(request), `${request.path} ${JSON.stringify(request.body.filter)}`).toMatchObject({
      user_id: expect.any(String),
      project_id: expect.any(String),
    });
  }
  fake.requests.length = 0;
});

describe("Qdrant memory store (against a fake Qdrant)", () => {
  it("creates one cosine collection of the embedder's size, with tenant payload indexes, once", async () => {
    const fresh = await startFakeQdrantServer();
    try {
      const freshStore = createQdrantMemoryStore({ url: fresh.url, embedder, clock });
      await Promise.all([freshStore.initializeAgent(alice), freshStore.initializeAgent(bob), remember(alice, "first")]);
      const collection = fresh.collections.get(defaultQdrantCollection);
      expect(collection).toMatchObject({ size: embedder.dimensions, distance: "Cosine" });
      expect(Object.fromEntries(collection!.indexes)).toEqual({
        user_id: { type: "keyword", is_tenant: true },
        project_id: { type: "keyword" },
        agent_id: { type: "keyword" },
        embedding_model: { type: "keyword" },
        created_at: { type: "datetime" },
      });
      expect(fresh.requests.filter((request) => request.method === "PUT" && request.path === `/collections/${defaultQdrantCollection}`)).toHaveLength(1);
      expect(fresh.collections.size).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("refuses a collection that holds vectors of another size", async () => {
    const fresh = await startFakeQdrantServer();
    try {
      fresh.createCollection(defaultQdrantCollection, 3);
      const freshStore = createQdrantMemoryStore({ url: fresh.url, embedder, clock });
      await expect(freshStore.initializeAgent(alice)).rejects.toMatchObject({
        code: "INTERNAL",
        details: { expected: embedder.dimensions, actual: 3 },
      });
    } finally {
      await fresh.close();
    }
  });

  it("stores each memory with its owners in the payload and finds the relevant one first", async () => {
    const [added] = await remember(alice, "The staging database listens on port 6543.");
    await remember(alice, "Alice prefers tabs over spaces.");
    const upsert = fake.requests.find((request) => request.path.endsWith("/points") && request.method === "PUT");
    expect((upsert?.body.points as { payload: unknown }[])[0]?.payload).toEqual({
      user_id: alice.userId,
      project_id: alice.projectId,
      agent_id: alice.agentId,
      embedding_model: embedder.model,
      content: "The staging database listens on port 6543.",
      metadata: { source: "test" },
      created_at: clock.now().toISOString(),
    });

    const found = await store.search(alice, await embed("which port does the staging database use"), { limit: 2, minScore: 0 });
    expect(found[0]).toMatchObject({ id: added!.id, content: "The staging database listens on port 6543.", metadata: { source: "test" }, createdAt: clock.now() });
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
    expect(await store.search(alice, await embed("which port does the staging database use"), { limit: 2, minScore: 0.99 })).toEqual([]);
  });

  it("lists an agent's memories newest first with the total, a page at a time", async () => {
    const scope = newScope();
    for (const content of ["first note", "second note", "third note"]) {
      clock.advance(1000);
      await remember(scope, content);
    }
    expect(contentsOf((await store.list(scope, { limit: 2, offset: 0 })).memories)).toEqual(["third note", "second note"]);
    expect(await store.list(scope, { limit: 2, offset: 2 })).toMatchObject({ memories: [{ content: "first note" }], total: 3 });
  });

  it("deletes a memory once, only in its own scope", async () => {
    const scope = newScope();
    const [memory] = await remember(scope, "The office wifi password rotates monthly.");
    expect(await store.delete(bob, memory!.id)).toBe(false);
    expect(await store.delete(scope, memory!.id)).toBe(true);
    expect(await store.delete(scope, memory!.id)).toBe(false);
    expect(await store.search(scope, await embed("office wifi password"), { limit: 5, minScore: -1 })).toEqual([]);
    expect(await store.delete(scope, "not-a-uuid")).toBe(false);
  });

  it("never returns a fact stored for Alice's agent to Bob's agent or to Alice's other agent", async () => {
    const fact = "The launch code for project Nightjar is 7-4-1-9.";
    await remember(alice, fact);
    const sameVector = await embed(fact);
    expect(contentsOf(await store.search(alice, sameVector, { limit: 5, minScore: 0 }))).toContain(fact);
    for (const other of [bob, aliceOtherAgent, { ...alice, userId: bob.userId }]) {
      expect(contentsOf(await store.search(other, sameVector, { limit: 100, minScore: -1 }))).not.toContain(fact);
      expect(contentsOf((await store.list(other, { limit: 100, offset: 0 })).memories)).not.toContain(fact);
    }
  });

  it("sends every search, scroll, count and delete with a must filter on user, project and agent", async () => {
    const scope = newScope();
    const [memory] = await remember(scope, "A fact to operate on.");
    fake.requests.length = 0;
    await store.search(scope, await embed("fact"), { limit: 5, minScore: 0 });
    await store.list(scope, { limit: 5, offset: 0 });
    await store.delete(scope, memory!.id);
    await store.deleteAgent(scope);
    const agentOperations = fake.requests.filter(isScopedOperation);
    expect(agentOperations.map((request) => request.path.split("/points/")[1])).toEqual(["query", "scroll", "count", "count", "delete", "delete"]);
    for (const request of agentOperations) expect(mustScope(request)).toEqual({ user_id: scope.userId, project_id: scope.projectId, agent_id: scope.agentId });

    fake.requests.length = 0;
    await store.deleteProject(scope);
    expect(fake.requests.filter(isScopedOperation).map(mustScope)).toEqual([{ user_id: scope.userId, project_id: scope.projectId }]);
  });

  it("deletes all memories of one agent, or of one project, and nothing else", async () => {
    const project = newScope();
    const secondAgent = { ...project, agentId: randomUUID() };
    const bystander = { ...newScope(), userId: project.userId };
    for (const scope of [project, secondAgent, bystander]) await remember(scope, "A shared sentence about deployments.");
    const query = await embed("deployments");
    const countFor = async (scope: MemoryScope) => (await store.list(scope, { limit: 10, offset: 0 })).total;

    await store.deleteAgent(project);
    expect([await countFor(project), await countFor(secondAgent)]).toEqual([0, 1]);
    await store.deleteProject(project);
    expect(await countFor(secondAgent)).toBe(0);
    expect(contentsOf(await store.search(bystander, query, { limit: 5, minScore: 0 }))).toEqual(["A shared sentence about deployments."]);
  });
});
