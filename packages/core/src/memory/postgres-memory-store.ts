import { randomUUID } from "node:crypto";
import { Prisma, queryRows, type Database } from "@codelab/db";
import { agentNotFound } from "../agents/agent-errors.js";
import { createGroupCommit } from "../concurrency/group-commit.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { Embedder } from "./embedder.js";
import { LruCache } from "./lru-cache.js";
import { isMemoryId, toMetadata } from "./memory-fields.js";
import type { MemoryRecord, MemoryScope, MemoryStore, ScoredMemory } from "./memory-store.js";
import { decodeVector, encodeVector } from "./vector-codec.js";
import { toUnitVector } from "./vector-math.js";
import { VectorMatrix } from "./vector-matrix.js";

export interface PostgresMemoryStoreOptions {
  db: Database;
  embedder: Pick<Embedder, "model" | "dimensions">;
  clock?: Clock;
  /** Bound on the vectors kept in memory across all agents; the least recently searched agents go first. */
  cacheBytes?: number;
  /**
   * How long an add made with `gather` may wait for later ones to share its statement (default
   * 100 ms): a plan's tasks then remember their exchanges in a few statements rather than one each.
   * Searches meanwhile, here or elsewhere, do not see it yet.
   */
  gatherMilliseconds?: number;
}

const defaultCacheBytes = 256 * 1024 * 1024;
/** Past this many writes waiting for an earlier one (another process's, which never comes here), the copy is dropped. */
const maxWaitingWrites = 64;
// Bounds one INSERT statement to a few megabytes of vectors.
const insertBatchSize = 1000;

const memorySelect = { id: true, content: true, metadata: true, createdAt: true } satisfies Prisma.AgentMemorySelect;

type MemoryRow = Prisma.AgentMemoryGetPayload<{ select: typeof memorySelect }>;
type Transaction = Prisma.TransactionClient;

interface PreparedMemory extends MemoryRecord {
  vector: Float32Array;
}

/** An agent's memories as of `revision` of its `agent_memory_revisions` row. Memories never change, only come and go. */
interface CachedAgent {
  revision: number;
  matrix: VectorMatrix;
  records: Map<string, MemoryRecord>;
  recordBytes: number;
  /**
   * This process's own writes that committed past a revision the copy has not seen, by revision.
   * Concurrent writes to one agent finish in any order; each is applied once the one before it is.
   */
  waiting: Map<number, (agent: CachedAgent) => void>;
}

const toRecord = (row: MemoryRow): MemoryRecord => ({ ...row, metadata: toMetadata(row.metadata) });

/** A rough count of what a record holds in memory (strings are two bytes a character), to bound the cache. */
const recordBytes = (record: MemoryRecord) => 2 * (record.id.length + record.content.length + JSON.stringify(record.metadata).length) + 64;

const scopeWhere = ({ userId, projectId, agentId }: MemoryScope) => ({ userId, projectId, agentId });

const cacheKey = ({ userId, projectId, agentId }: MemoryScope) => `${userId}/${projectId}/${agentId}`;

function addToAgent(agent: CachedAgent, record: MemoryRecord, vector: Float32Array): void {
  agent.matrix.add(record.id, vector);
  agent.records.set(record.id, record);
  agent.recordBytes += recordBytes(record);
}

function removeFromAgent(agent: CachedAgent, id: string): void {
  const record = agent.records.get(id);
  if (!record) return;
  agent.matrix.remove(id);
  agent.records.delete(id);
  agent.recordBytes -= recordBytes(record);
}

function chunks<Item>(items: Item[], size: number): Item[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, (index + 1) * size));
}

/**
 * Checks that the agent belongs to this scope, then moves its revision on. The upsert locks the
 * revision row until commit, so writes to one agent are serialized and each one's revision is
 * exactly one past the previous.
 */
async function advanceRevision(tx: Transaction, scope: MemoryScope, increment: 0 | 1): Promise<number> {
  const agent = await tx.userAgent.findFirst({ where: { id: scope.agentId, userId: scope.userId, projectId: scope.projectId }, select: { id: true } });
  if (!agent) throw agentNotFound();
  const { revision } = await tx.agentMemoryRevision.upsert({
    where: scopeWhere(scope),
    create: { ...scopeWhere(scope), revision: increment },
    update: { revision: { increment } },
    select: { revision: true },
  });
  return revision;
}

/** Memories of one agent, written together (one `add`, or a chunk of a large one). */
interface MemoryBatch {
  scope: MemoryScope;
  memories: PreparedMemory[];
}

type EmbeddingSpace = { model: string; dimensions: number };

/**
 * One INSERT for the memories of any number of batches, each column passed as one array: Prisma's
 * createMany takes several times longer to build a statement with a parameter per value than
 * PostgreSQL takes to insert it. `condition` ends the SELECT over `input`, to insert only some rows.
 */
function insertMemoriesSql(embedding: EmbeddingSpace, batches: readonly MemoryBatch[], condition: Prisma.Sql = Prisma.empty): Prisma.Sql {
  const rows = batches.flatMap(({ scope, memories }) => memories.map((memory) => ({ scope, memory })));
  return Prisma.sql`
    INSERT INTO agent_memories (id, user_id, project_id, agent_id, content, metadata, embedding, embedding_model, dimensions, created_at)
    SELECT input.id, input.user_id, input.project_id, input.agent_id, input.content, input.metadata, input.embedding,
           ${embedding.model}, ${embedding.dimensions}, input.created_at
    FROM unnest(
      ${rows.map(({ memory }) => memory.id)}::uuid[],
      ${rows.map(({ scope }) => scope.userId)}::uuid[],
      ${rows.map(({ scope }) => scope.projectId)}::uuid[],
      ${rows.map(({ scope }) => scope.agentId)}::uuid[],
      ${rows.map(({ memory }) => memory.content)}::text[],
      ${rows.map(({ memory }) => JSON.stringify(memory.metadata))}::jsonb[],
      ${rows.map(({ memory }) => encodeVector(memory.vector))}::bytea[],
      ${rows.map(({ memory }) => memory.createdAt)}::timestamptz[]
    ) AS input (id, user_id, project_id, agent_id, content, metadata, embedding, created_at)
    ${condition}`;
}

/**
 * The batches of concurrent adds (one agent's memories each; several may be the same agent's) in
 * one statement, atomic on its own: the common add, one remembered exchange, then costs a share of
 * one round trip and commit instead of an interactive transaction's five, and the exchanges of a
 * plan's tasks answering together cost one statement, not one each. A batch is stored only when
 * its agent belongs to its scope; each stored batch moves its agent's revision on by one, in input
 * order. Answers each batch's revision, undefined where the agent does not belong to the scope.
 */
async function addBatchesInOneStatement(db: Database, embedding: EmbeddingSpace, batches: readonly MemoryBatch[]): Promise<Array<number | undefined>> {
  const rows = await queryRows<{ ordinal: number; revision: number }>(
    db,
    Prisma.sql`
    WITH request AS (
      SELECT * FROM unnest(
        ${batches.map((_, ordinal) => ordinal)}::int[],
        ${batches.map(({ scope }) => scope.agentId)}::uuid[],
        ${batches.map(({ scope }) => scope.userId)}::uuid[],
        ${batches.map(({ scope }) => scope.projectId)}::uuid[]
      ) AS input (ordinal, agent_id, user_id, project_id)
    ), owned AS (
      SELECT request.* FROM request
      JOIN user_agents AS agent ON agent.id = request.agent_id AND agent.user_id = request.user_id AND agent.project_id = request.project_id
    ), revision AS (
      -- One row per agent: the upsert locks it until commit, so writes to one agent are serialized.
      INSERT INTO agent_memory_revisions (agent_id, user_id, project_id, revision)
      SELECT agent_id, user_id, project_id, count(*)::int FROM owned GROUP BY agent_id, user_id, project_id
      ON CONFLICT (agent_id) DO UPDATE SET revision = agent_memory_revisions.revision + excluded.revision
      RETURNING agent_id, revision
    ), inserted AS (
      ${insertMemoriesSql(embedding, batches, Prisma.sql`WHERE (input.agent_id, input.user_id, input.project_id) IN (SELECT agent_id, user_id, project_id FROM owned)`)}
    )
    SELECT owned.ordinal, (revision.revision - row_number() OVER (PARTITION BY owned.agent_id ORDER BY owned.ordinal DESC) + 1)::int AS revision
    FROM owned JOIN revision ON revision.agent_id = owned.agent_id`,
  );
  const revisions = new Map(rows.map((row) => [row.ordinal, row.revision]));
  return batches.map((_, ordinal) => revisions.get(ordinal));
}

/**
 * The embedded default store: memories live in PostgreSQL (`agent_memories`, vectors as float32
 * bytes, no extension), and search is an exact scan of every vector of the agent. The scan runs
 * over a per-process copy of the agent's memories, loaded on first search and kept current by
 * this process's own writes. The database stays the source of truth: each search re-reads the
 * agent's revision (one primary-key lookup, or none when the caller read it with its own
 * statement), and if another process wrote in between, the copy is reloaded and the search repeated.
 *
 * Only vectors of the configured embedding model are searched; `list` shows every memory.
 */
export function createPostgresMemoryStore({
  db,
  embedder,
  clock = systemClock,
  cacheBytes = defaultCacheBytes,
  gatherMilliseconds = 100,
}: PostgresMemoryStoreOptions): MemoryStore {
  const embedding = { model: embedder.model, dimensions: embedder.dimensions };
  const addTogether = createGroupCommit((batches: MemoryBatch[]) => addBatchesInOneStatement(db, embedding, batches), { gatherMilliseconds });
  const cache = new LruCache<CachedAgent>(cacheBytes, (agent) => agent.matrix.byteLength + agent.recordBytes);
  const loading = new Map<string, Promise<CachedAgent>>();

  async function readRevision(scope: MemoryScope): Promise<number> {
    const row = await db.agentMemoryRevision.findUnique({ where: scopeWhere(scope), select: { revision: true } });
    return row?.revision ?? 0;
  }

  async function loadAgent(scope: MemoryScope): Promise<CachedAgent> {
    // One snapshot for both reads, so the vectors are exactly those of the revision read.
    const [revision, rows] = await db.$transaction(
      [
        db.agentMemoryRevision.findUnique({ where: scopeWhere(scope), select: { revision: true } }),
        db.agentMemory.findMany({
          where: { ...scopeWhere(scope), embeddingModel: embedding.model, dimensions: embedding.dimensions },
          select: { ...memorySelect, embedding: true },
        }),
      ],
      { isolationLevel: "RepeatableRead" },
    );
    const agent: CachedAgent = {
      revision: revision?.revision ?? 0,
      matrix: new VectorMatrix(embedding.dimensions, rows.length),
      records: new Map(),
      recordBytes: 0,
      waiting: new Map(),
    };
    for (const { embedding: bytes, ...row } of rows) addToAgent(agent, toRecord(row), decodeVector(bytes));
    return agent;
  }

  /** Concurrent searches of an agent that is not cached share one load. */
  function reload(scope: MemoryScope): Promise<CachedAgent> {
    const key = cacheKey(scope);
    let pending = loading.get(key);
    if (!pending) {
      pending = loadAgent(scope)
        .then((agent) => {
          cache.set(key, agent);
          return agent;
        })
        .finally(() => loading.delete(key));
      loading.set(key, pending);
    }
    return pending;
  }

  /**
   * After this process's own write at `revision`, the cached copy is patched in place, in revision
   * order. A copy loaded after the write committed holds it already. A write past a gap waits for
   * the writes before it; should one of those be another process's, the copy stays behind the
   * database, and the next search, seeing a newer revision, reloads it.
   */
  function applyToCache(scope: MemoryScope, revision: number, change: (agent: CachedAgent) => void): void {
    const key = cacheKey(scope);
    const agent = cache.get(key);
    if (!agent || revision <= agent.revision) return;
    if (revision > agent.revision + 1) {
      if (agent.waiting.size < maxWaitingWrites) agent.waiting.set(revision, change);
      else cache.delete(key);
      return;
    }
    for (let next: typeof change | undefined = change; next; next = agent.waiting.get(agent.revision + 1)) {
      agent.waiting.delete(agent.revision + 1);
      next(agent);
      agent.revision += 1;
    }
    cache.set(key, agent);
  }

  function searchCopy(agent: CachedAgent, query: Float32Array, options: { limit: number; minScore: number }): ScoredMemory[] {
    // Copies, so a caller that edits a result cannot edit the cache.
    return agent.matrix.topK(query, options.limit, options.minScore).map(({ id, score }) => {
      const record = agent.records.get(id)!;
      return { ...record, metadata: structuredClone(record.metadata), score };
    });
  }

  async function searchAgent(scope: MemoryScope, agent: CachedAgent, query: Float32Array, options: { limit: number; minScore: number }) {
    const { revision } = agent;
    const memories = searchCopy(agent, query, options);
    return { current: (await readRevision(scope)) === revision, memories };
  }

  return {
    async initializeAgent(scope) {
      await db.$transaction((tx) => advanceRevision(tx, scope, 0));
    },

    async add(scope, memories, { gather = false } = {}) {
      if (memories.length === 0) return [];
      const createdAt = clock.now();
      const prepared: PreparedMemory[] = memories.map(({ content, metadata, vector }) => ({
        id: randomUUID(),
        content,
        // The copy the cache keeps must not change when the caller's object does.
        metadata: structuredClone(metadata),
        createdAt,
        vector: toUnitVector(vector, embedding.dimensions),
      }));
      const batches = chunks(prepared, insertBatchSize).map((memories): MemoryBatch => ({ scope, memories }));
      const revision =
        batches.length === 1
          ? await addTogether(batches[0]!, { gather })
          : await db.$transaction(async (tx) => {
              const advanced = await advanceRevision(tx, scope, 1);
              for (const batch of batches) await tx.$executeRaw(insertMemoriesSql(embedding, [batch]));
              return advanced;
            });
      if (revision === undefined) throw agentNotFound();
      const records = prepared.map(({ vector: _vector, ...record }) => record);
      applyToCache(scope, revision, (agent) => prepared.forEach((memory, index) => addToAgent(agent, records[index]!, memory.vector)));
      return records.map((record) => ({ ...record, metadata: structuredClone(record.metadata) }));
    },

    flush() {
      void addTogether.flush();
    },

    async search(scope, vector, { revision, ...options }) {
      const query = toUnitVector(vector, embedding.dimensions);
      const cached = cache.get(cacheKey(scope));
      // The caller's fresh revision stands in for our own read; a copy ahead of it holds this process's later write.
      if (cached && revision !== undefined && cached.revision >= revision) return searchCopy(cached, query, options);
      const first = await searchAgent(scope, cached ?? (await reload(scope)), query, options);
      if (first.current) return first.memories;
      // Another process wrote since the copy was loaded. One reload is enough: it is at most milliseconds old.
      cache.delete(cacheKey(scope));
      return (await searchAgent(scope, await reload(scope), query, options)).memories;
    },

    async list(scope, { limit, offset }) {
      const where = scopeWhere(scope);
      const [rows, total] = await Promise.all([
        db.agentMemory.findMany({ where, select: memorySelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, skip: offset }),
        db.agentMemory.count({ where }),
      ]);
      return { memories: rows.map(toRecord), total };
    },

    async delete(scope, memoryId) {
      if (!isMemoryId(memoryId)) return false;
      const revision = await db.$transaction(async (tx) => {
        const { count } = await tx.agentMemory.deleteMany({ where: { ...scopeWhere(scope), id: memoryId } });
        return count === 0 ? undefined : advanceRevision(tx, scope, 1);
      });
      if (revision === undefined) return false;
      applyToCache(scope, revision, (agent) => removeFromAgent(agent, memoryId));
      return true;
    },

    async deleteAgent(scope) {
      const where = scopeWhere(scope);
      // No agent check: this also runs while the agent itself is being deleted.
      await db.$transaction([
        db.agentMemory.deleteMany({ where }),
        db.agentMemoryRevision.updateMany({ where, data: { revision: { increment: 1 } } }),
      ]);
      cache.delete(cacheKey(scope));
    },

    async deleteProject({ userId, projectId }) {
      const where = { userId, projectId };
      await db.$transaction([
        db.agentMemory.deleteMany({ where }),
        db.agentMemoryRevision.updateMany({ where, data: { revision: { increment: 1 } } }),
      ]);
      cache.deleteWhere((key) => key.startsWith(`${userId}/${projectId}/`));
    },
  };
}
