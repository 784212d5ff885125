import { createLocalEmbedder, createPostgresMemoryStore, type Embedder, type MemoryScope, type MemoryStore } from "@codelab/core";
import { bruteForceTopK, randomUnitVectors, seedUser } from "@codelab/core/testing";
import type { Database } from "@codelab/db";
import { createTestDatabase } from "@codelab/db/testing";
import { percentile } from "../lib/stats.js";
import type { Check, Suite } from "../lib/suite.js";

// Exact search on the embedded default store (PostgreSQL + per-process vector cache) for one
// agent holding 1k, then 10k, then 100k memories. The agent grows between sizes, so the whole
// run inserts 100k memories once.
const sizes = [1_000, 10_000, 100_000];
const searchesPerSize = 200;
const recallQueries = 50;
const topK = 5;
const insertBatch = 5_000;
const p50TargetMs = { size: 10_000, milliseconds: 5 };

export interface MemorySearchRow {
  memories: number;
  insertSeconds: number;
  /** A new store's first search: loading the agent's vectors from PostgreSQL, then searching. */
  coldSearchMs: number;
  p50Ms: number;
  p99Ms: number;
  /** Share of the brute-force top 5 the store returned, over `recallQueries` queries. */
  recallAt5: number;
}

/** The one agent under test, and the ids of its memories in the order their vectors were added. */
interface Agent {
  db: Database;
  embedder: Embedder;
  store: MemoryStore;
  scope: MemoryScope;
  ids: string[];
}

const log = (line: string) => process.stderr.write(`${line}\n`);

async function timed<Result>(work: () => Promise<Result>): Promise<{ result: Result; milliseconds: number }> {
  const started = performance.now();
  const result = await work();
  return { result, milliseconds: performance.now() - started };
}

/** Adds the vectors the agent does not hold yet. */
async function insert({ store, scope, ids }: Agent, vectors: Float32Array[]): Promise<void> {
  for (let start = ids.length; start < vectors.length; start += insertBatch) {
    const batch = vectors.slice(start, start + insertBatch);
    const added = await store.add(
      scope,
      batch.map((vector, offset) => ({ content: `memory ${start + offset}`, metadata: { index: start + offset }, vector })),
    );
    ids.push(...added.map((memory) => memory.id));
  }
}

async function recallAt5({ store, scope, ids }: Pick<Agent, "store" | "scope" | "ids">, stored: Float32Array[], queries: Float32Array[]): Promise<number> {
  let found = 0;
  for (const query of queries) {
    const expected = new Set(bruteForceTopK(stored, query, topK).map(({ index }) => ids[index]));
    const results = await store.search(scope, query, { limit: topK, minScore: -1 });
    found += results.filter((memory) => expected.has(memory.id)).length;
  }
  return found / (queries.length * topK);
}

async function measureSize(
  { db, embedder, store, scope, ids }: Agent,
  stored: Float32Array[],
  queries: Float32Array[],
  signal: AbortSignal | undefined,
): Promise<Omit<MemorySearchRow, "insertSeconds">> {
  const cold = await timed(() => createPostgresMemoryStore({ db, embedder }).search(scope, queries[0]!, { limit: topK, minScore: -1 }));
  await store.search(scope, queries[0]!, { limit: topK, minScore: -1 });
  const latencies: number[] = [];
  for (const query of queries) {
    signal?.throwIfAborted();
    latencies.push((await timed(() => store.search(scope, query, { limit: topK, minScore: -1 }))).milliseconds);
  }
  const recall = await recallAt5({ store, scope, ids }, stored, queries.slice(0, recallQueries));
  return { memories: stored.length, coldSearchMs: cold.milliseconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), recallAt5: recall };
}

/** Creates its own database, measures every size, drops the database. */
export async function measureMemorySearch({ signal }: { signal?: AbortSignal } = {}): Promise<MemorySearchRow[]> {
  const embedder = createLocalEmbedder();
  const database = await createTestDatabase();
  try {
    const { user, project, agents } = await seedUser(database.db);
    const scope = { userId: user.id, projectId: project.id, agentId: agents[0]!.id };
    const agent: Agent = { db: database.db, embedder, store: createPostgresMemoryStore({ db: database.db, embedder }), scope, ids: [] };
    const vectors = randomUnitVectors(sizes.at(-1)!, embedder.dimensions, 20_261_121);
    const queries = randomUnitVectors(searchesPerSize, embedder.dimensions, 42);
    const rows: MemorySearchRow[] = [];
    for (const size of sizes) {
      signal?.throwIfAborted();
      log(`  inserting up to ${size.toLocaleString("en")} memories`);
      const inserted = await timed(() => insert(agent, vectors.slice(0, size)));
      log(`  searching ${size.toLocaleString("en")} memories`);
      const measured = await measureSize(agent, vectors.slice(0, size), queries, signal);
      rows.push({ ...measured, insertSeconds: inserted.milliseconds / 1000 });
    }
    return rows;
  } finally {
    await database.drop();
  }
}

const format = (value: number, digits: number) => value.toFixed(digits);

export const memorySearchSuite: Suite = {
  name: "memory-search",
  summary: `exact top-${topK} memory search on the default PostgreSQL store at ${sizes.map((size) => size.toLocaleString("en")).join(", ")} memories of one agent`,
  async run(settings) {
    const rows = await measureMemorySearch({ signal: settings.signal });
    const atTarget = rows.find((row) => row.memories === p50TargetMs.size);
    const checks: Check[] = [
      ...rows.map((row) => ({
        kind: "correctness" as const,
        description: `recall@${topK} at ${row.memories.toLocaleString("en")} memories = ${format(row.recallAt5, 3)} (must be 1.0: the search is exact)`,
        passed: row.recallAt5 === 1,
      })),
      {
        kind: "target",
        description: `p50 at ${p50TargetMs.size.toLocaleString("en")} memories = ${format(atTarget?.p50Ms ?? Number.NaN, 2)} ms (target < ${p50TargetMs.milliseconds} ms)`,
        passed: atTarget !== undefined && atTarget.p50Ms < p50TargetMs.milliseconds,
      },
    ];
    return {
      table: {
        columns: ["memories", "insert s (cumulative batch)", "cold first search ms", "p50 ms", "p99 ms", `recall@${topK}`],
        rows: rows.map((row) => [
          row.memories.toLocaleString("en"),
          format(row.insertSeconds, 1),
          format(row.coldSearchMs, 0),
          format(row.p50Ms, 2),
          format(row.p99Ms, 2),
          format(row.recallAt5, 3),
        ]),
        numericColumns: [0, 1, 2, 3, 4, 5],
      },
      checks,
      notes: [
        `${searchesPerSize} sequential searches per size on a warm cache (limit ${topK}, 384-dimension unit vectors, real PostgreSQL); latency is end to end: the scan of every vector plus the revision read that proves the cache current.`,
        `recall@${topK}: ${recallQueries} queries checked against a brute-force scan of the same vectors. "cold first search": a new store's first search, which loads the agent's memories from PostgreSQL.`,
        `"insert s": the time to add this size's new memories in batches of ${insertBatch.toLocaleString("en")} through the store.`,
      ],
    };
  },
};
