import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Prisma } from "@codelab/db";
import { createTestDatabase, type TestDatabase } from "@codelab/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAgent } from "../agents/delete-agent.js";
import { deleteProject } from "../projects/delete-project.js";
import { createFixedClock } from "../testing/fixed-clock.js";
import { seedUser, type SeededUser } from "../testing/seed-user.js";
import { createLocalEmbedder } from "./local-embedder.js";
import type { MemoryScope, MemoryStore } from "./memory-store.js";
import { memoryRevisionSql } from "./memory-revision-sql.js";
import { createPostgresMemoryStore } from "./postgres-memory-store.js";
import { bruteForceTopK, randomUnitVectors } from "./testing/vectors.js";
import { createLocalWorkspaces } from "../workspace/create-local-workspaces.js";

const embedder = createLocalEmbedder();
const clock = createFixedClock();

let database: TestDatabase;
let store: MemoryStore;
let workspaceRoot: string;
let alice: SeededUser;
let bob: SeededUser;

const scopeOf = (seeded: SeededUser, agentIndex = 0): MemoryScope => {
  const agent = seeded.agents[agentIndex];
  if (!agent) throw new Error(`seeded user has no agent ${agentIndex}`);
  return { userId: seeded.user.id, projectId: seeded.project.id, agentId: agent.id };
};

async function embed(text: string): Promise<Float32Array> {
  const [vector] = await embedder.embed([text]);
  return vector!;
}

async function remember(target: MemoryStore, scope: MemoryScope, ...contents: string[]) {
  const vectors = await embedder.embed(contents);
  return target.add(
    scope,
    contents.map((content, index) => ({ content, metadata: { source: "test" }, vector: vectors[index]! })),
  );
}

const contentsOf = (memories: { content: string }[]) => memories.map((memory) => memory.content);

const storedRows = (agentId: string) => database.db.agentMemory.count({ where: { agentId } });

beforeAll(async () => {
  database = await createTestDatabase();
  workspaceRoot = await mkdtemp(join(tmpdir(), "codelab-workspaces-"));
  store = createPostgresMemoryStore({ db: database.db, embedder, clock });
  alice = await seedUser(database.db);
  bob = await seedUser(database.db);
});

afterAll(async () => {
  await database.drop();
  await rm(workspaceRoot, { recursive: true, force: true });
});

describe("postgres memory store", () => {
  it("adds memories and finds the relevant one first, with its metadata", async () => {
    const scope = scopeOf(alice);
    const [added] = await remember(store, scope, "The staging database listens on port 6543.");
    await remember(store, scope, "Alice prefers tabs over spaces.", "Releases are cut on Thursdays.");
    expect(added).toMatchObject({ content: "The staging database listens on port 6543.", metadata: { source: "test" }, createdAt: clock.now() });

    const found = await store.search(scope, await embed("which port does the staging database use"), { limit: 2, minScore: 0 });
    expect(found[0]).toMatchObject({ id: added!.id, content: "The staging database listens on port 6543.", metadata: { source: "test" } });
    expect(found).toHaveLength(2);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
  });

  it("leaves out memories scoring below the minimum", async () => {
    const scope = scopeOf(alice, 1);
    await remember(store, scope, "Invoices are archived after seven years.");
    expect(await store.search(scope, await embed("invoices archived"), { limit: 5, minScore: 0.99 })).toEqual([]);
    expect(await store.search(scope, await embed("invoices archived"), { limit: 5, minScore: 0.2 })).toHaveLength(1);
  });

  it("lists an agent's memories newest first with the total, a page at a time", async () => {
    const scope = scopeOf(bob, 2);
    for (const content of ["first note", "second note", "third note"]) {
      clock.advance(1000);
      await remember(store, scope, content);
    }
    expect(contentsOf((await store.list(scope, { limit: 2, offset: 0 })).memories)).toEqual(["third note", "second note"]);
    expect(await store.list(scope, { limit: 2, offset: 2 })).toMatchObject({ memories: [{ content: "first note" }], total: 3 });
  });

  it("deletes a memory once, after which search no longer returns it", async () => {
    const scope = scopeOf(bob, 1);
    const [memory] = await remember(store, scope, "The office wifi password rotates monthly.");
    const query = await embed("office wifi password");
    expect(contentsOf(await store.search(scope, query, { limit: 5, minScore: 0 }))).toEqual(["The office wifi password rotates monthly."]);

    expect(await store.delete(scope, memory!.id)).toBe(true);
    expect(await store.delete(scope, memory!.id)).toBe(false);
    expect(await store.search(scope, query, { limit: 5, minScore: 0 })).toEqual([]);
    expect(await store.delete(scope, "not-a-uuid")).toBe(false);
  });

  describe("isolation canary", () => {
    const fact = "The launch code for project Nightjar is 7-4-1-9.";

    it("never returns a fact stored for Alice's agent to Bob's agent or to Alice's other agent", async () => {
      const owner = scopeOf(alice, 2);
      const [stored] = await remember(store, owner, fact);
      const sameVector = await embed(fact);

      expect(contentsOf(await store.search(owner, sameVector, { limit: 5, minScore: 0 }))).toEqual([fact]);
      for (const other of [scopeOf(bob, 2), scopeOf(alice, 0)]) {
        const found = await store.search(other, sameVector, { limit: 100, minScore: -1 });
        expect(contentsOf(found)).not.toContain(fact);
        expect(contentsOf((await store.list(other, { limit: 100, offset: 0 })).memories)).not.toContain(fact);
        expect(await store.delete(other, stored!.id)).toBe(false);
      }
      expect(await storedRows(owner.agentId)).toBeGreaterThan(0);
    });

    it("finds nothing, and stores nothing, when a scope pairs Bob with Alice's project and agent", async () => {
      const owner = scopeOf(alice, 2);
      const forged = { ...owner, userId: bob.user.id };
      const sameVector = await embed(fact);

      expect(await store.search(forged, sameVector, { limit: 100, minScore: -1 })).toEqual([]);
      expect(await store.list(forged, { limit: 100, offset: 0 })).toEqual({ memories: [], total: 0 });
      await expect(remember(store, forged, "planted")).rejects.toMatchObject({ code: "AGENT_NOT_FOUND" });
      await expect(store.initializeAgent(forged)).rejects.toMatchObject({ code: "AGENT_NOT_FOUND" });
      expect(contentsOf(await store.search(owner, await embed("planted"), { limit: 100, minScore: -1 }))).not.toContain("planted");
    });
  });

  it("loses an agent's memories with the agent row, even from a warm cache", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    await remember(store, scope, "Temporary fact about the build cache.");
    const query = await embed("build cache");
    expect(await store.search(scope, query, { limit: 5, minScore: 0 })).toHaveLength(1);

    await deleteAgent({ db: database.db, memory: store }, { userId: scope.userId, projectId: scope.projectId, agentId: scope.agentId });
    expect(await storedRows(scope.agentId)).toBe(0);
    expect(await store.search(scope, query, { limit: 5, minScore: 0 })).toEqual([]);
  });

  it("loses a project's memories with the project row", async () => {
    const seeded = await seedUser(database.db);
    await remember(store, scopeOf(seeded, 0), "Project-wide fact one.");
    await remember(store, scopeOf(seeded, 1), "Project-wide fact two.");
    await deleteProject({ db: database.db, memory: store, workspaces: createLocalWorkspaces({ root: workspaceRoot }) }, { userId: seeded.user.id, projectId: seeded.project.id });
    expect(await database.db.agentMemory.count({ where: { projectId: seeded.project.id } })).toBe(0);
  });

  it("deletes all memories of one agent, or of one project, and nothing else", async () => {
    const seeded = await seedUser(database.db);
    const [first, second, third] = [scopeOf(seeded, 0), scopeOf(seeded, 1), scopeOf(seeded, 2)];
    for (const scope of [first, second, third]) await remember(store, scope, "A shared sentence about deployments.");
    const bystander = scopeOf(bob, 0);
    const bystanderCount = await storedRows(bystander.agentId);

    await store.deleteAgent(first);
    expect([await storedRows(first.agentId), await storedRows(second.agentId)]).toEqual([0, 1]);
    expect(await store.search(first, await embed("deployments"), { limit: 5, minScore: -1 })).toEqual([]);

    await store.deleteProject({ userId: seeded.user.id, projectId: seeded.project.id });
    expect([await storedRows(second.agentId), await storedRows(third.agentId)]).toEqual([0, 0]);
    expect(await store.search(third, await embed("deployments"), { limit: 5, minScore: -1 })).toEqual([]);
    expect(await storedRows(bystander.agentId)).toBe(bystanderCount);
  });

  it("returns exactly the brute-force top k over a thousand vectors", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    const vectors = randomUnitVectors(1000, embedder.dimensions, 11);
    const added = await store.add(
      scope,
      vectors.map((vector, index) => ({ content: `vector ${index}`, metadata: { index }, vector })),
    );
    expect(added).toHaveLength(1000);
    for (const query of randomUnitVectors(10, embedder.dimensions, 12)) {
      const expected = bruteForceTopK(vectors, query, 10);
      const found = await store.search(scope, query, { limit: 10, minScore: -1 });
      expect(contentsOf(found)).toEqual(expected.map(({ index }) => `vector ${index}`));
      found.forEach((memory, index) => expect(memory.score).toBeCloseTo(expected[index]!.score, 5));
    }
  });

  it("sees what another process added or deleted since it cached an agent", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    const otherProcess = createPostgresMemoryStore({ db: database.db, embedder, clock });
    await remember(store, scope, "Cached fact about the release train.");
    const query = await embed("release train");
    expect(await store.search(scope, query, { limit: 5, minScore: 0 })).toHaveLength(1);

    const [added] = await remember(otherProcess, scope, "New fact about the release train schedule.");
    expect(contentsOf(await store.search(scope, query, { limit: 5, minScore: 0 }))).toContain("New fact about the release train schedule.");

    expect(await otherProcess.delete(scope, added!.id)).toBe(true);
    expect(contentsOf(await store.search(scope, query, { limit: 5, minScore: 0 }))).toEqual(["Cached fact about the release train."]);
  });

  it("takes the caller's revision instead of reading it, and reloads when the caller's revision is ahead of its copy", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    const otherProcess = createPostgresMemoryStore({ db: database.db, embedder, clock });
    await remember(store, scope, "Cached fact about the deploy window.");
    const query = await embed("deploy window");
    expect(await store.search(scope, query, { limit: 5, minScore: 0 })).toHaveLength(1);
    const revisionNow = async () => {
      const [row] = await database.db.$queryRaw<Array<{ revision: number }>>`SELECT ${memoryRevisionSql(Prisma.sql`${scope.agentId}::uuid`)}::int AS revision`;
      return row!.revision;
    };
    const current = await revisionNow();
    await remember(otherProcess, scope, "New fact about the deploy window on Fridays.");

    // As the caller read it before the other write: the copy is as new, so no read happens and the copy answers.
    expect(contentsOf(await store.search(scope, query, { limit: 5, minScore: 0, revision: current }))).toEqual(["Cached fact about the deploy window."]);
    // As read after it: the copy is behind, so it is reloaded.
    const ahead = await revisionNow();
    expect(ahead).toBe(current + 1);
    expect(contentsOf(await store.search(scope, query, { limit: 5, minScore: 0, revision: ahead }))).toContain("New fact about the deploy window on Fridays.");
  });

  it("keeps its copy through its own concurrent writes finishing in any order, instead of reloading it", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    const otherProcess = createPostgresMemoryStore({ db: database.db, embedder, clock });
    const query = await embed("release checklist step");
    await remember(store, scope, "Release checklist step zero.");
    expect(await store.search(scope, query, { limit: 5, minScore: 0 })).toHaveLength(1);
    // Thirty writes at once: their replies come back in whatever order the pool's connections deliver them.
    const steps = Array.from({ length: 30 }, (_, index) => `Release checklist step ${index + 1}.`);
    await Promise.all(steps.map((step) => remember(store, scope, step)));
    const { revision } = await database.db.agentMemoryRevision.findUniqueOrThrow({ where: { agentId: scope.agentId }, select: { revision: true } });
    await remember(otherProcess, scope, "Release checklist step from elsewhere.");

    // As of the revision after our own writes, the copy answers: every one of them, and not the later foreign one.
    const found = contentsOf(await store.search(scope, query, { limit: 40, minScore: 0, revision }));
    expect(found.sort()).toEqual(["Release checklist step zero.", ...steps].sort());
  });

  it("stores concurrent adds to several agents in one statement, each moving its own agent's revision on by one", async () => {
    const seeded = await seedUser(database.db);
    const [first, second] = [scopeOf(seeded, 0), scopeOf(seeded, 1)];
    const forged = { ...scopeOf(alice, 0), userId: seeded.user.id };
    const revisionOf = async (agentId: string) =>
      (await database.db.agentMemoryRevision.findUnique({ where: { agentId }, select: { revision: true } }))?.revision ?? 0;
    const before = { first: await revisionOf(first.agentId), second: await revisionOf(second.agentId) };

    const outcomes = await Promise.allSettled([
      remember(store, first, "First agent, first note."),
      remember(store, second, "Second agent's note."),
      remember(store, first, "First agent, second note."),
      remember(store, forged, "Planted."),
    ]);

    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "rejected"]);
    expect(outcomes[3]).toMatchObject({ reason: { code: "AGENT_NOT_FOUND" } });
    expect({ first: await revisionOf(first.agentId), second: await revisionOf(second.agentId) }).toEqual({ first: before.first + 2, second: before.second + 1 });
    const transactions = await database.db.$queryRaw<Array<{ xmin: string }>>`
      SELECT DISTINCT xmin::text AS xmin FROM agent_memories WHERE agent_id IN (${first.agentId}::uuid, ${second.agentId}::uuid)`;
    expect(transactions).toHaveLength(1);
    expect(contentsOf(await store.search(first, await embed("first agent note"), { limit: 5, minScore: -1 })).sort()).toEqual([
      "First agent, first note.",
      "First agent, second note.",
    ]);
    expect(await storedRows(scopeOf(alice, 0).agentId)).toBe(await database.db.agentMemory.count({ where: { agentId: scopeOf(alice, 0).agentId, content: { not: "Planted." } } }));
  });

  it("holds gathered adds until an add that cannot wait, then stores them all with it in one statement", async () => {
    const seeded = await seedUser(database.db);
    const [first, second] = [scopeOf(seeded, 0), scopeOf(seeded, 1)];
    // An interval no test waits out: only the add that cannot wait stores the gathered ones.
    const gathering = createPostgresMemoryStore({ db: database.db, embedder, clock, gatherMilliseconds: 60_000 });
    const note = async (scope: MemoryScope, content: string, gather: boolean) =>
      gathering.add(scope, [{ content, metadata: { source: "test" }, vector: await embed(content) }], { gather });

    const gathered = [note(first, "Gathered for the first agent.", true), note(second, "Gathered for the second agent.", true)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await storedRows(first.agentId)) + (await storedRows(second.agentId))).toBe(0);

    await Promise.all([...gathered, note(first, "Cannot wait.", false)]);
    const transactions = await database.db.$queryRaw<Array<{ xmin: string }>>`
      SELECT DISTINCT xmin::text AS xmin FROM agent_memories WHERE agent_id IN (${first.agentId}::uuid, ${second.agentId}::uuid)`;
    expect(transactions).toHaveLength(1);
    expect([await storedRows(first.agentId), await storedRows(second.agentId)]).toEqual([2, 1]);
    expect(contentsOf(await gathering.search(second, await embed("second agent"), { limit: 5, minScore: -1 }))).toEqual(["Gathered for the second agent."]);
  });

  it("stores the gathered adds when flushed", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded, 0);
    const gathering = createPostgresMemoryStore({ db: database.db, embedder, clock, gatherMilliseconds: 60_000 });
    const content = "Held until the flush.";

    const held = gathering.add(scope, [{ content, metadata: { source: "test" }, vector: await embed(content) }], { gather: true });
    gathering.flush();

    expect(contentsOf(await held)).toEqual([content]);
    expect(await storedRows(scope.agentId)).toBe(1);
  });

  it("stays correct when the cache is too small to keep any agent", async () => {
    const seeded = await seedUser(database.db);
    const [first, second] = [scopeOf(seeded, 0), scopeOf(seeded, 1)];
    await remember(store, first, "First agent's fact about caching.", "First agent's fact about queues.");
    await remember(store, second, "Second agent's fact about caching.");
    const tiny = createPostgresMemoryStore({ db: database.db, embedder, clock, cacheBytes: 1 });
    const query = await embed("caching");
    for (const [scope, count] of [[first, 2], [second, 1], [first, 2], [second, 1]] as const) {
      const found = await tiny.search(scope, query, { limit: 100, minScore: -1 });
      expect(found).toEqual(await store.search(scope, query, { limit: 100, minScore: -1 }));
      expect(found).toHaveLength(count);
    }
  });

  it("searches only vectors of its own embedding model, while listing them all", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    const otherModel = createPostgresMemoryStore({ db: database.db, embedder: { model: "another-model", dimensions: embedder.dimensions }, clock });
    await remember(otherModel, scope, "Embedded by another model.");
    expect(await store.search(scope, await embed("Embedded by another model."), { limit: 5, minScore: -1 })).toEqual([]);
    expect((await store.list(scope, { limit: 5, offset: 0 })).total).toBe(1);
  });

  it("keeps its own copy of memories: editing what add or search returned changes nothing stored", async () => {
    const seeded = await seedUser(database.db);
    const scope = scopeOf(seeded);
    const metadata = { tags: ["original"] };
    const [added] = await store.add(scope, [{ content: "A fact with tags.", metadata, vector: await embed("A fact with tags.") }]);
    metadata.tags.push("edited by caller");
    (added!.metadata.tags as string[]).push("edited through the result");
    const [found] = await store.search(scope, await embed("fact with tags"), { limit: 1, minScore: 0 });
    (found!.metadata.tags as string[]).push("edited through a search result");
    expect((await store.search(scope, await embed("fact with tags"), { limit: 1, minScore: 0 }))[0]?.metadata).toEqual({ tags: ["original"] });
  });

  it("refuses vectors of the wrong size", async () => {
    await expect(store.add(scopeOf(alice), [{ content: "short", metadata: {}, vector: new Float32Array(3) }])).rejects.toMatchObject({
      code: "INTERNAL",
      details: { expected: embedder.dimensions, actual: 3 },
    });
  });
});
