/** Turns texts into unit-length vectors; cosine similarity is then a dot product. */
export interface Embedder {
  readonly model: string;
  readonly dimensions: number;
  embed(texts: string[], options?: { signal?: AbortSignal }): Promise<Float32Array[]>;
}
