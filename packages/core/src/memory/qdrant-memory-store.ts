import { randomUUID } from "node:crypto";
import { QdrantClient, type Schemas } from "@qdrant/js-client-rest";
import { z } from "zod";
import { AppError } from "../errors/app-error.js";
import { systemClock, type Clock } from "../ports/clock.js";
import type { Embedder } from "./embedder.js";
import { isMemoryId, toMetadata } from "./memory-fields.js";
import type { MemoryRecord, MemoryScope, MemoryStore } from "./memory-store.js";
import { toUnitVector } from "./vector-math.js";

export interface QdrantMemoryStoreOptions {
  /** Server configuration (QDRANT_URL), never user input. */
  url: string;
  apiKey?: string;
  embedder: Pick<Embedder, "model" | "dimensions">;
  collectionName?: string;
  clock?: Clock;
  /** Per request; the client's own default is five minutes. */
  timeoutMs?: number;
}

export const defaultQdrantCollection = "codelab_agent_memory";

const payloadIndexes: [string, Schemas["PayloadSchemaParams"]][] = [
  // is_tenant: Qdrant keeps each user's points together on disk and plans searches around them.
  ["user_id", { type: "keyword", is_tenant: true }],
  ["project_id", { type: "keyword" }],
  ["agent_id", { type: "keyword" }],
  ["embedding_model", { type: "keyword" }],
  // A range index is what lets `list` scroll newest first.
  ["created_at", { type: "datetime" }],
];

const storedPayload = z.object({ content: z.string(), metadata: z.unknown(), created_at: z.string() });

type Condition = Schemas["Condition"];

const matches = (key: string, value: string): Condition => ({ key, match: { value } });

const projectConditions = ({ userId, projectId }: Omit<MemoryScope, "agentId">): Condition[] => [
  matches("user_id", userId),
  matches("project_id", projectId),
];

const agentConditions = (scope: MemoryScope): Condition[] => [...projectConditions(scope), matches("agent_id", scope.agentId)];

function toRecord(point: { id: string | number; payload?: Record<string, unknown> | null }): MemoryRecord {
  const payload = storedPayload.safeParse(point.payload);
  if (!payload.success) throw new AppError("INTERNAL", "A stored memory is malformed", { details: { id: String(point.id) } });
  const { content, metadata, created_at: createdAt } = payload.data;
  return { id: String(point.id), content, metadata: toMetadata(metadata), createdAt: new Date(createdAt) };
}

/**
 * Memories in Qdrant, all agents of all users in ONE collection (Qdrant's recommended layout for
 * many small tenants, rather than a collection per agent): each point's payload carries its
 * user, project and agent ids, and every search, scroll, count and delete carries a `must`
 * filter on them — user + project for a project-wide delete. Global HNSW is off (`m: 0`) in
 * favour of per-tenant graphs (`payload_m`), since no query ever spans tenants.
 *
 * Only vectors of the configured embedding model are searched; `list` shows every memory.
 */
export function createQdrantMemoryStore({
  url,
  apiKey,
  embedder,
  collectionName = defaultQdrantCollection,
  clock = systemClock,
  timeoutMs = 10_000,
}: QdrantMemoryStoreOptions): MemoryStore {
  const { model, dimensions } = embedder;
  const client = new QdrantClient({ url, ...(apiKey === undefined ? {} : { apiKey }), timeout: timeoutMs });
  let collectionReady: Promise<void> | undefined;

  async function prepareCollection(): Promise<void> {
    if (!(await client.collectionExists(collectionName)).exists) {
      try {
        await client.createCollection(collectionName, {
          vectors: { size: dimensions, distance: "Cosine" },
          hnsw_config: { m: 0, payload_m: 16 },
        });
      } catch (error) {
        // Another process may have created it first; anything else is a real failure.
        if (!(await client.collectionExists(collectionName)).exists) throw error;
      }
    }
    const vectors = (await client.getCollection(collectionName)).config.params.vectors;
    const size = vectors && "size" in vectors ? vectors.size : undefined;
    if (size !== dimensions) {
      throw new AppError("INTERNAL", "The Qdrant memory collection holds vectors of another size", {
        details: { collection: collectionName, expected: dimensions, actual: typeof size === "number" ? size : null },
      });
    }
    // Creating an index that exists is a no-op, and a process that died half-way leaves some missing.
    for (const [field_name, field_schema] of payloadIndexes) {
      await client.createPayloadIndex(collectionName, { field_name, field_schema, wait: true });
    }
  }

  function ensureCollection(): Promise<void> {
    collectionReady ??= prepareCollection().catch((error: unknown) => {
      collectionReady = undefined;
      throw error;
    });
    return collectionReady;
  }

  return {
    initializeAgent: () => ensureCollection(),

    async add(scope, memories) {
      if (memories.length === 0) return [];
      await ensureCollection();
      const createdAt = clock.now();
      const points = memories.map(({ content, metadata, vector }) => ({
        id: randomUUID(),
        vector: Array.from(toUnitVector(vector, dimensions)),
        payload: {
          user_id: scope.userId,
          project_id: scope.projectId,
          agent_id: scope.agentId,
          embedding_model: model,
          content,
          metadata,
          created_at: createdAt.toISOString(),
        },
      }));
      await client.upsert(collectionName, { wait: true, points });
      return points.map(({ id, payload: { content, metadata } }) => ({ id, content, metadata, createdAt }));
    },

    // Every add is written at once: nothing is held.
    flush() {},

    async search(scope, vector, { limit, minScore }) {
      if (limit === 0) return [];
      await ensureCollection();
      const { points } = await client.query(collectionName, {
        query: Array.from(toUnitVector(vector, dimensions)),
        filter: { must: [...agentConditions(scope), matches("embedding_model", model)] },
        limit,
        score_threshold: minScore,
        with_payload: true,
      });
      return points.map((point) => ({ ...toRecord(point), score: point.score }));
    },

    async list(scope, { limit, offset }) {
      await ensureCollection();
      const filter = { must: agentConditions(scope) };
      // Qdrant pages an ordered scroll by value, not by position, so an offset costs its length in points read.
      const [{ points }, { count }] = await Promise.all([
        client.scroll(collectionName, { filter, limit: offset + limit, order_by: { key: "created_at", direction: "desc" }, with_payload: true }),
        client.count(collectionName, { filter, exact: true }),
      ]);
      return { memories: points.slice(offset).map(toRecord), total: count };
    },

    async delete(scope, memoryId) {
      if (!isMemoryId(memoryId)) return false;
      await ensureCollection();
      const filter = { must: [...agentConditions(scope), { has_id: [memoryId] }] };
      const { count } = await client.count(collectionName, { filter, exact: true });
      if (count === 0) return false;
      await client.delete(collectionName, { wait: true, filter });
      return true;
    },

    async deleteAgent(scope) {
      await ensureCollection();
      await client.delete(collectionName, { wait: true, filter: { must: agentConditions(scope) } });
    },

    async deleteProject(scope) {
      await ensureCollection();
      await client.delete(collectionName, { wait: true, filter: { must: projectConditions(scope) } });
    },
  };
}
