import { dotProductsWasm } from "./dot-products-wasm.js";

export interface VectorHit {
  id: string;
  score: number;
}

interface DotProducts {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  dotProducts(query: number, matrix: number, rows: number, stride: number, out: number): void;
}

// The compiler libraries this workspace uses (ES2023, no DOM) do not declare WebAssembly,
// though every Node version does; these are the two constructors used here.
const { Module, Instance } = (
  globalThis as unknown as {
    WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => { exports: unknown } };
  }
).WebAssembly;

// WebAssembly SIMD multiplies four float32s per instruction; plain JavaScript on this data
// manages about one, and scoring every row is the whole cost of an exact search.
const dotProductsModule = new Module(Buffer.from(dotProductsWasm, "base64"));
const pageBytes = 64 * 1024;
const floatBytes = Float32Array.BYTES_PER_ELEMENT;

/**
 * Unit vectors packed row by row in WebAssembly memory, for an exact top-k scan of one
 * contiguous block. Rows are unordered: removing one moves the last row into its slot.
 *
 * Memory layout, in float32s of `stride` (the dimensions rounded up to 8, padded with zeros):
 * the query (one row), then `capacity` rows, then one score per row.
 */
export class VectorMatrix {
  readonly dimensions: number;
  private readonly stride: number;
  private readonly wasm: DotProducts;
  private floats: Float32Array;
  private capacity = 0;
  private ids: string[] = [];
  private rowOf = new Map<string, number>();

  constructor(dimensions: number, initialCapacity = 16) {
    this.dimensions = dimensions;
    this.stride = Math.ceil(dimensions / 8) * 8;
    this.wasm = new Instance(dotProductsModule).exports as DotProducts;
    this.floats = new Float32Array(this.wasm.memory.buffer);
    this.reserve(Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.ids.length;
  }

  get byteLength(): number {
    return this.wasm.memory.buffer.byteLength;
  }

  add(id: string, vector: Float32Array): void {
    this.checkDimensions(vector);
    const existing = this.rowOf.get(id);
    const row = existing ?? this.ids.length;
    if (existing === undefined) {
      this.reserve(row + 1);
      this.ids.push(id);
      this.rowOf.set(id, row);
    }
    this.floats.set(vector, this.rowStart(row));
  }

  remove(id: string): boolean {
    const row = this.rowOf.get(id);
    if (row === undefined) return false;
    const lastRow = this.ids.length - 1;
    const lastId = this.ids[lastRow]!;
    if (row !== lastRow) {
      this.floats.copyWithin(this.rowStart(row), this.rowStart(lastRow), this.rowStart(lastRow + 1));
      this.ids[row] = lastId;
      this.rowOf.set(lastId, row);
    }
    this.ids.pop();
    this.rowOf.delete(id);
    return true;
  }

  /**
   * Every row scored against `query`: the best `limit` at or above `minScore`, best first.
   * The SIMD pass sums in float32; its rounding error is far below `tolerance`, so every row
   * that could belong in the answer is re-scored in float64, and the answer is the same as a
   * plain float64 scan's.
   */
  topK(query: Float32Array, limit: number, minScore: number): VectorHit[] {
    this.checkDimensions(query);
    const rows = this.ids.length;
    this.floats.set(query, 0);
    const scoresStart = this.rowStart(this.capacity);
    this.wasm.dotProducts(0, this.rowStart(0) * floatBytes, rows, this.stride, scoresStart * floatBytes);
    const scores = this.floats.subarray(scoresStart, scoresStart + rows);

    const tolerance = this.dimensions * 2 ** -20;
    const approximate = new TopK(limit, minScore - tolerance);
    for (let row = 0; row < rows; row++) approximate.offer(row, scores[row]!);
    // A row's true score is within `tolerance` of its float32 one, so the true k-th best is at
    // least the float32 k-th best minus `tolerance`, and no row of the answer scores below that minus `tolerance`.
    const cutoff = approximate.full ? approximate.lowest - 2 * tolerance : minScore - tolerance;

    const exact = new TopK(limit, minScore);
    for (let row = 0; row < rows; row++) if (scores[row]! >= cutoff) exact.offer(row, this.exactScore(row, query));
    return exact.sorted().map(({ row, score }) => ({ id: this.ids[row]!, score }));
  }

  private exactScore(row: number, query: Float32Array): number {
    const start = this.rowStart(row);
    let sum = 0;
    for (let column = 0; column < this.dimensions; column++) sum += this.floats[start + column]! * query[column]!;
    return sum;
  }

  /** Where `row` starts, in float32s; row -1 is the query. */
  private rowStart(row: number): number {
    return (row + 1) * this.stride;
  }

  private checkDimensions(vector: Float32Array): void {
    if (vector.length !== this.dimensions) throw new Error(`expected ${this.dimensions} dimensions, got ${vector.length}`);
  }

  private reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, this.capacity * 2);
    // The query, the rows, then one score per row; rows never move, the scores are rewritten on each search.
    const bytes = (this.rowStart(capacity) + capacity) * floatBytes;
    const missingPages = Math.ceil((bytes - this.wasm.memory.buffer.byteLength) / pageBytes);
    if (missingPages > 0) {
      this.wasm.memory.grow(missingPages);
      this.floats = new Float32Array(this.wasm.memory.buffer);
    }
    // Padding columns are summed too: they must be zero, and the scores region of the old capacity held scores.
    this.floats.fill(0, this.rowStart(this.capacity), this.rowStart(capacity));
    this.capacity = capacity;
  }
}

/** The best `limit` scores offered so far, kept sorted; `limit` is small (a prompt's worth), so insertion beats a heap. */
class TopK {
  private rows: number[] = [];
  private scores: number[] = [];

  constructor(
    private readonly limit: number,
    private readonly minScore: number,
  ) {}

  get full(): boolean {
    return this.limit > 0 && this.scores.length >= this.limit;
  }

  /** The worst score kept; meaningful once `full`. */
  get lowest(): number {
    return this.scores[this.scores.length - 1] ?? -Infinity;
  }

  offer(row: number, score: number): void {
    if (score < this.minScore || this.limit === 0) return;
    if (this.full && score <= this.lowest) return;
    let position = this.full ? this.scores.length - 1 : this.scores.length;
    while (position > 0 && this.scores[position - 1]! < score) {
      this.scores[position] = this.scores[position - 1]!;
      this.rows[position] = this.rows[position - 1]!;
      position--;
    }
    this.scores[position] = score;
    this.rows[position] = row;
  }

  sorted(): { row: number; score: number }[] {
    return this.rows.map((row, index) => ({ row, score: this.scores[index]! }));
  }
}
