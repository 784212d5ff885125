import type { JsonValue } from "../errors/app-error.js";

/** Every memory belongs to exactly one agent of one project of one user; every operation is scoped by all three. */
export interface MemoryScope {
  userId: string;
  projectId: string;
  agentId: string;
}

export type MemoryMetadata = Record<string, JsonValue>;

export interface MemoryRecord {
  id: string;
  content: string;
  metadata: MemoryMetadata;
  createdAt: Date;
}

export interface ScoredMemory extends MemoryRecord {
  /** Cosine similarity in [-1, 1]. */
  score: number;
}

export interface NewMemory {
  content: string;
  metadata: MemoryMetadata;
  /** From the store's embedder: same model, same dimensions. */
  vector: Float32Array;
}

export interface SearchOptions {
  limit: number;
  minScore: number;
  /**
   * The agent's memory revision as the caller read it in a statement of its own
   * (`memoryRevisionSql`), moments ago or when the work it belongs to began: a store that keeps a
   * versioned copy of the agent's memories then need not read it again, and searches a copy at
   * least that new (this process's own later writes included). Stores without revisions ignore it.
   */
  revision?: number;
}

export interface AddOptions {
  /**
   * Nobody waits for this write right now (a plan task's exchange, while its plan goes on): a store
   * that writes in batches may hold it for a few milliseconds to share one write with later ones.
   * An add without it is written at once, with any held ones. The promise settles once written.
   */
  gather?: boolean;
}

export interface MemoryStore {
  /** Prepares storage for a new agent (a no-op where nothing needs preparing). */
  initializeAgent(scope: MemoryScope): Promise<void>;
  add(scope: MemoryScope, memories: NewMemory[], options?: AddOptions): Promise<MemoryRecord[]>;
  /** Writes the adds it holds (see `AddOptions.gather`) now; each add's own promise settles as it is written. */
  flush(): void;
  /** Exact or approximate top-k by cosine similarity, best first, at or above `minScore`. */
  search(scope: MemoryScope, vector: Float32Array, options: SearchOptions): Promise<ScoredMemory[]>;
  /** Newest first. */
  list(scope: MemoryScope, page: { limit: number; offset: number }): Promise<{ memories: MemoryRecord[]; total: number }>;
  /** False when no such memory exists in this scope. */
  delete(scope: MemoryScope, memoryId: string): Promise<boolean>;
  deleteAgent(scope: MemoryScope): Promise<void>;
  deleteProject(scope: Omit<MemoryScope, "agentId">): Promise<void>;
}

